// A prepared sqlite statement, reset for reuse after each run. Errors throw
// StorageError, which the writer turns into a failed job or batch.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace portunus::chat {

class StorageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Statement {
public:
    Statement(sqlite3 *db, const char *sql) : db_(db) {
        if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) != SQLITE_OK)
            throw StorageError(std::string("prepare: ") + sqlite3_errmsg(db) + " in " + sql);
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    // Starts a new run: clears the previous one's state and bindings.
    Statement &reset() {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
        next_ = 1;
        return *this;
    }
    Statement &bind(int64_t v) { return check(sqlite3_bind_int64(stmt_, next_++, v)); }
    Statement &bind(uint64_t v) { return bind(static_cast<int64_t>(v)); }
    Statement &bind(bool v) { return bind(static_cast<int64_t>(v ? 1 : 0)); }
    Statement &bind(std::string_view v) {
        return check(sqlite3_bind_text(stmt_, next_++, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
    }
    Statement &bindNull() { return check(sqlite3_bind_null(stmt_, next_++)); }
    Statement &bindOptional(std::string_view v) { return v.empty() ? bindNull() : bind(v); }

    // One step: true while there is a row.
    bool step() {
        int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw StorageError(std::string("step: ") + sqlite3_errmsg(db_));
    }
    void run() {
        while (step()) {
        }
    }

    int64_t i64(int col) const { return sqlite3_column_int64(stmt_, col); }
    uint64_t u64(int col) const { return static_cast<uint64_t>(i64(col)); }
    std::string text(int col) const {
        const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(stmt_, col));
        return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
    }

private:
    Statement &check(int rc) {
        if (rc != SQLITE_OK) throw StorageError(std::string("bind: ") + sqlite3_errmsg(db_));
        return *this;
    }
    sqlite3 *db_;
    sqlite3_stmt *stmt_ = nullptr;
    int next_ = 1;
};

} // namespace portunus::chat
