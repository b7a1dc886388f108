#include "storage/storage.hpp"

#include "observe/log.hpp"

#include <sqlite3.h>

namespace portunus {

namespace {
constexpr int kBusyTimeoutMs = 5000;
}

bool Storage::start(const std::string &path, std::string &error) {
    path_ = path;
    sqlite3 *db = open();
    if (!db) {
        error = "cannot open sqlite database " + path;
        return false;
    }
    char *msg = nullptr;
    int rc = sqlite3_exec(db, "PRAGMA journal_mode=WAL;", nullptr, nullptr, &msg);
    if (rc != SQLITE_OK) error = "cannot switch " + path + " to WAL: " + (msg ? msg : "?");
    sqlite3_free(msg);
    sqlite3_close(db);
    return rc == SQLITE_OK;
}

sqlite3 *Storage::open() const {
    sqlite3 *db = nullptr;
    int rc = sqlite3_open_v2(path_.c_str(), &db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        PLOG_ERROR("storage", {}, "cannot open {}: {}", path_, db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return nullptr;
    }
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    return db;
}

} // namespace portunus
