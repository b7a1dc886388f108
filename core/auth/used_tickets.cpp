#include "auth/used_tickets.hpp"

#include "observe/log.hpp"
#include "storage/storage.hpp"

#include <sqlite3.h>

namespace portunus::auth {

namespace {
constexpr const char *kSchema = "CREATE TABLE IF NOT EXISTS used_join_tickets (jti TEXT PRIMARY KEY, exp INTEGER NOT NULL);"
                                "CREATE INDEX IF NOT EXISTS used_join_tickets_exp ON used_join_tickets (exp);";

// One statement with its parameters bound in order; true when it ran to completion.
bool run(sqlite3 *db, const char *sql, std::string_view text, int64_t number) {
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) return false;
    int index = 1;
    if (!text.empty()) sqlite3_bind_text(stmt, index++, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(stmt, index, number);
    int rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE;
}
} // namespace

UsedTickets::~UsedTickets() { sqlite3_close(db_); }

bool UsedTickets::start(const Storage &storage, std::string &error) {
    db_ = storage.open();
    if (!db_) {
        error = "cannot open " + storage.path() + " for join tickets";
        return false;
    }
    char *msg = nullptr;
    if (sqlite3_exec(db_, kSchema, nullptr, nullptr, &msg) != SQLITE_OK) {
        error = std::string("cannot create the join ticket table: ") + (msg ? msg : "?");
        sqlite3_free(msg);
        return false;
    }
    return true;
}

bool UsedTickets::consume(std::string_view jti, int64_t exp, int64_t now) {
    std::lock_guard lock(mutex_);
    if (!run(db_, "DELETE FROM used_join_tickets WHERE exp < ?", {}, now))
        PLOG_WARN("auth", {}, "cannot drop expired join tickets: {}", sqlite3_errmsg(db_));
    if (!run(db_, "INSERT OR IGNORE INTO used_join_tickets (jti, exp) VALUES (?, ?)", jti, exp)) {
        // A ticket that cannot be recorded could be replayed: refuse it.
        PLOG_ERROR("auth", {}, "cannot record a join ticket: {}", sqlite3_errmsg(db_));
        return false;
    }
    return sqlite3_changes(db_) == 1;
}

} // namespace portunus::auth
