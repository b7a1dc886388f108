#include "auth/moderation.hpp"

#include "observe/log.hpp"
#include "storage/storage.hpp"

#include <sqlite3.h>

namespace portunus::auth {

namespace {

constexpr const char *kSchema = "CREATE TABLE IF NOT EXISTS moderation (kind TEXT NOT NULL, channel_id TEXT NOT NULL,"
                                " user_uid TEXT NOT NULL, until INTEGER NOT NULL, PRIMARY KEY (kind, channel_id, user_uid));";

struct Statement {
    Statement(sqlite3 *db, const char *sql) { sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr); }
    ~Statement() { sqlite3_finalize(stmt); }
    Statement &text(int i, const std::string &v) {
        sqlite3_bind_text(stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
        return *this;
    }
    sqlite3_stmt *stmt = nullptr;
};

} // namespace

const char *kindName(Moderation::Kind kind) {
    switch (kind) {
    case Moderation::Kind::ban: return "ban";
    case Moderation::Kind::timeout: return "timeout";
    case Moderation::Kind::lock: return "lock";
    }
    return "?";
}

Moderation::~Moderation() { sqlite3_close(db_); }

bool Moderation::start(const Storage &storage, std::string &error) {
    db_ = storage.open();
    char *msg = nullptr;
    if (!db_ || sqlite3_exec(db_, kSchema, nullptr, nullptr, &msg) != SQLITE_OK) {
        error = std::string("cannot create the moderation table: ") + (msg ? msg : "cannot open the database");
        sqlite3_free(msg);
        return false;
    }
    return true;
}

void Moderation::set(Kind kind, const std::string &channel_id, const std::string &user_uid, int64_t until) {
    std::lock_guard lock(mutex_);
    Statement s(db_, "INSERT OR REPLACE INTO moderation (kind, channel_id, user_uid, until) VALUES (?, ?, ?, ?)");
    s.text(1, kindName(kind)).text(2, channel_id).text(3, user_uid);
    sqlite3_bind_int64(s.stmt, 4, until);
    if (sqlite3_step(s.stmt) != SQLITE_DONE)
        PLOG_ERROR("moderation", {}, "cannot record a {}: {}", kindName(kind), sqlite3_errmsg(db_));
}

void Moderation::clear(Kind kind, const std::string &channel_id, const std::string &user_uid) {
    std::lock_guard lock(mutex_);
    Statement s(db_, "DELETE FROM moderation WHERE kind = ? AND channel_id = ? AND user_uid = ?");
    s.text(1, kindName(kind)).text(2, channel_id).text(3, user_uid);
    if (sqlite3_step(s.stmt) != SQLITE_DONE)
        PLOG_ERROR("moderation", {}, "cannot lift a {}: {}", kindName(kind), sqlite3_errmsg(db_));
}

bool Moderation::active(Kind kind, const std::string &channel_id, const std::string &user_uid, int64_t now) {
    std::lock_guard lock(mutex_);
    Statement s(db_, "SELECT 1 FROM moderation WHERE kind = ? AND channel_id = ? AND user_uid = ? AND (until = 0 OR until > ?)");
    s.text(1, kindName(kind)).text(2, channel_id).text(3, user_uid);
    sqlite3_bind_int64(s.stmt, 4, now);
    int rc = sqlite3_step(s.stmt);
    // A store that cannot answer treats the user as moderated: fail closed.
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        PLOG_ERROR("moderation", {}, "cannot read moderation state: {}", sqlite3_errmsg(db_));
        return true;
    }
    return rc == SQLITE_ROW;
}

} // namespace portunus::auth
