// The chat plugin's tables in the core's sqlite file (WAL):
//   chat_rooms     permanent rooms
//   chat_messages  the hot window: every sequenced event of every room
//                  (messages, announcements, edits, deletes), unique
//                  (room, sequence) and (room, sender, client_msg_id)
//   chat_archive   the same columns: events older than the hot window
//   chat_receipts  one cursor row per (room, user): delivered and read
// One Store per connection; a Store is used by one thread at a time.
#pragma once

#include "config.hpp"
#include "receipts.hpp"
#include "statement.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

struct sqlite3;

namespace portunus::chat {

struct MessageRow {
    int64_t id = 0;
    uint64_t room = 0;
    uint64_t sequence = 0;
    std::string kind; // message | announcement | edit | delete
    std::string sender;
    std::vector<std::string> recipients; // empty = the whole room
    std::string text;
    uint64_t ref = 0; // edit/delete: the sequence they refer to
    std::string client_msg_id;
    int64_t ts_ms = 0;
    bool edited = false;
    bool deleted = false;
};

struct StoredRoom {
    uint64_t id = 0;
    RoomSettings settings;
};

struct HistoryQuery {
    uint64_t room = 0;
    std::optional<uint64_t> after, before; // neither: the latest page
    uint32_t limit = 50;
    bool archive = false; // also read the archive
};

struct HistoryPage {
    std::vector<MessageRow> rows; // ascending sequence
    bool has_more = false;
};

class Store {
public:
    // Takes ownership of `db`; creates the tables. Throws StorageError.
    explicit Store(sqlite3 *db);
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    void begin() { exec("BEGIN IMMEDIATE"); }
    void commit() { exec("COMMIT"); }
    void rollback();
    void savepoint() { exec("SAVEPOINT job"); }
    void release() { exec("RELEASE job"); }
    void rollbackSavepoint() { exec("ROLLBACK TO job; RELEASE job"); }

    std::vector<StoredRoom> rooms();
    void saveRoom(const StoredRoom &room);
    void deleteRoom(uint64_t id);

    // Every room's highest sequence, hot and archived.
    std::vector<std::pair<uint64_t, uint64_t>> lastSequences();
    std::optional<MessageRow> findByClientId(uint64_t room, const std::string &sender, const std::string &client_msg_id);
    std::optional<MessageRow> find(uint64_t room, uint64_t sequence);
    int64_t insert(const MessageRow &row); // returns the id
    void markEdited(uint64_t room, uint64_t sequence, const std::string &text);
    void markDeleted(uint64_t room, uint64_t sequence);
    HistoryPage history(const HistoryQuery &q);

    std::vector<std::pair<std::pair<uint64_t, std::string>, Cursor>> cursors();
    void saveCursor(uint64_t room, const std::string &user, Cursor c);

    // Moves events older than cutoff_ms into the archive; returns how many.
    size_t archiveOlderThan(int64_t cutoff_ms);

private:
    void exec(const char *sql);
    Statement &stmt(const char *sql);
    static MessageRow rowFrom(const Statement &s);

    sqlite3 *db_;
    std::unordered_map<const char *, std::unique_ptr<Statement>> statements_;
};

} // namespace portunus::chat
