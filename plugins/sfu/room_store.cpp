#include "room_store.hpp"

#include <sqlite3.h>

namespace portunus::sfu {

namespace {

struct Statement {
    sqlite3_stmt *stmt = nullptr;
    Statement(sqlite3 *db, const char *sql) { sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr); }
    ~Statement() { sqlite3_finalize(stmt); }
};

} // namespace

RoomStore::RoomStore(sqlite3 *db) : db_(db) {
    if (db_ && !exec("CREATE TABLE IF NOT EXISTS sfu_rooms (id INTEGER PRIMARY KEY, config TEXT NOT NULL)")) {
        sqlite3_close(db_);
        db_ = nullptr;
    }
}

RoomStore::~RoomStore() {
    if (db_) sqlite3_close(db_);
}

bool RoomStore::exec(const char *sql) {
    char *message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) == SQLITE_OK) return true;
    error_ = message ? message : "sqlite error";
    sqlite3_free(message);
    return false;
}

std::vector<RoomConfig> RoomStore::load(std::vector<std::string> &skipped) {
    std::lock_guard lock(mutex_);
    std::vector<RoomConfig> rooms;
    if (!db_) return rooms;
    Statement s(db_, "SELECT id, config FROM sfu_rooms ORDER BY id");
    while (s.stmt && sqlite3_step(s.stmt) == SQLITE_ROW) {
        auto id = static_cast<uint64_t>(sqlite3_column_int64(s.stmt, 0));
        const char *text = reinterpret_cast<const char *>(sqlite3_column_text(s.stmt, 1));
        try {
            rapidjson::Document d = parseObject(text ? text : "");
            rooms.push_back(roomConfigFromJson(d, id));
        } catch (const SfuError &e) {
            skipped.push_back("room " + std::to_string(id) + ": " + e.what());
        }
    }
    return rooms;
}

bool RoomStore::save(const RoomConfig &room) {
    std::lock_guard lock(mutex_);
    if (!db_) return false;
    Statement s(db_, "INSERT OR REPLACE INTO sfu_rooms (id, config) VALUES (?, ?)");
    std::string json = roomConfigToJson(room);
    if (!s.stmt) return false;
    sqlite3_bind_int64(s.stmt, 1, static_cast<sqlite3_int64>(room.id));
    sqlite3_bind_text(s.stmt, 2, json.c_str(), static_cast<int>(json.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(s.stmt) == SQLITE_DONE) return true;
    error_ = sqlite3_errmsg(db_);
    return false;
}

bool RoomStore::remove(uint64_t id) {
    std::lock_guard lock(mutex_);
    if (!db_) return false;
    Statement s(db_, "DELETE FROM sfu_rooms WHERE id = ?");
    if (!s.stmt) return false;
    sqlite3_bind_int64(s.stmt, 1, static_cast<sqlite3_int64>(id));
    if (sqlite3_step(s.stmt) == SQLITE_DONE) return true;
    error_ = sqlite3_errmsg(db_);
    return false;
}

} // namespace portunus::sfu
