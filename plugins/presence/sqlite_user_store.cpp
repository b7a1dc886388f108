#include "sqlite_user_store.hpp"

#include <sqlite3.h>

#include <stdexcept>

namespace portunus::presence {

namespace {
constexpr const char *kSchema =
    "CREATE TABLE IF NOT EXISTS presence_users ("
    " user TEXT PRIMARY KEY, last_seen_ms INTEGER NOT NULL, status_text TEXT NOT NULL DEFAULT '')";

// A prepared statement, finalized on scope exit.
struct Statement {
    Statement(sqlite3 *db, const char *sql) {
        if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) stmt = nullptr;
    }
    ~Statement() { sqlite3_finalize(stmt); }
    void text(int i, const std::string &s) { sqlite3_bind_text(stmt, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT); }
    sqlite3_stmt *stmt = nullptr;
};
} // namespace

SqliteUserStore::SqliteUserStore(sqlite3 *writer, sqlite3 *reader, ErrorLog log_error)
    : writer_(writer), reader_(reader), log_error_(std::move(log_error)) {
    char *error = nullptr;
    if (sqlite3_exec(writer_, kSchema, nullptr, nullptr, &error) != SQLITE_OK) {
        std::string reason = error ? error : "unknown error";
        sqlite3_free(error);
        sqlite3_close(writer_);
        sqlite3_close(reader_);
        throw std::runtime_error("cannot create table presence_users: " + reason);
    }
    worker_ = std::thread([this] { run(); });
}

SqliteUserStore::~SqliteUserStore() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    worker_.join();
    sqlite3_close(writer_);
    sqlite3_close(reader_);
}

std::optional<UserRecord> SqliteUserStore::load(const std::string &user) const {
    {
        std::lock_guard lock(mutex_);
        if (auto it = pending_.find(user); it != pending_.end()) return it->second;
    }
    std::lock_guard lock(read_mutex_);
    Statement q(reader_, "SELECT last_seen_ms, status_text FROM presence_users WHERE user = ?1");
    if (!q.stmt) return std::nullopt;
    q.text(1, user);
    if (sqlite3_step(q.stmt) != SQLITE_ROW) return std::nullopt;
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(q.stmt, 1));
    return UserRecord{user, sqlite3_column_int64(q.stmt, 0), text ? text : ""};
}

void SqliteUserStore::save(const UserRecord &record) {
    {
        std::lock_guard lock(mutex_);
        pending_[record.user] = record;
    }
    wake_.notify_one();
}

void SqliteUserStore::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
        if (pending_.empty() && stopping_) return;
        // The batch stays in pending_ until it is committed, so a load never
        // misses it; a user saved again meanwhile stays for the next batch.
        std::map<std::string, UserRecord> batch = pending_;
        lock.unlock();
        write(batch);
        lock.lock();
        for (const auto &[user, record] : batch)
            if (auto it = pending_.find(user); it != pending_.end() && it->second.last_seen_ms == record.last_seen_ms &&
                                               it->second.status_text == record.status_text)
                pending_.erase(it);
    }
}

void SqliteUserStore::write(const std::map<std::string, UserRecord> &batch) {
    bool ok = sqlite3_exec(writer_, "BEGIN", nullptr, nullptr, nullptr) == SQLITE_OK;
    Statement up(writer_,
                 "INSERT INTO presence_users (user, last_seen_ms, status_text) VALUES (?1, ?2, ?3) "
                 "ON CONFLICT(user) DO UPDATE SET last_seen_ms = excluded.last_seen_ms, status_text = excluded.status_text");
    ok = ok && up.stmt;
    for (auto it = batch.begin(); ok && it != batch.end(); ++it) {
        up.text(1, it->second.user);
        sqlite3_bind_int64(up.stmt, 2, it->second.last_seen_ms);
        up.text(3, it->second.status_text);
        ok = sqlite3_step(up.stmt) == SQLITE_DONE;
        sqlite3_reset(up.stmt);
    }
    ok = sqlite3_exec(writer_, ok ? "COMMIT" : "ROLLBACK", nullptr, nullptr, nullptr) == SQLITE_OK && ok;
    // Once per failed batch: the records are dropped, the next saves try again.
    if (!ok) log_error_("writing " + std::to_string(batch.size()) + " presence records failed: " + sqlite3_errmsg(writer_));
}

} // namespace portunus::presence
