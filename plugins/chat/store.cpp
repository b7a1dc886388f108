#include "store.hpp"

#include <sqlite3.h>

#include <algorithm>

namespace portunus::chat {

namespace {

constexpr const char *kSchema = R"(
CREATE TABLE IF NOT EXISTS chat_rooms(
  room INTEGER PRIMARY KEY, description TEXT NOT NULL, secret TEXT NOT NULL, pin TEXT NOT NULL,
  is_private INTEGER NOT NULL, max_members INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS chat_messages(
  id INTEGER PRIMARY KEY AUTOINCREMENT, room INTEGER NOT NULL, sequence INTEGER NOT NULL, kind TEXT NOT NULL,
  sender TEXT NOT NULL, recipients TEXT, text TEXT NOT NULL, ref INTEGER NOT NULL, client_msg_id TEXT,
  ts INTEGER NOT NULL, edited INTEGER NOT NULL DEFAULT 0, deleted INTEGER NOT NULL DEFAULT 0,
  UNIQUE(room, sequence));
CREATE UNIQUE INDEX IF NOT EXISTS chat_messages_client_msg_id
  ON chat_messages(room, sender, client_msg_id) WHERE client_msg_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS chat_messages_ts ON chat_messages(ts);
CREATE TABLE IF NOT EXISTS chat_archive(
  id INTEGER PRIMARY KEY, room INTEGER NOT NULL, sequence INTEGER NOT NULL, kind TEXT NOT NULL,
  sender TEXT NOT NULL, recipients TEXT, text TEXT NOT NULL, ref INTEGER NOT NULL, client_msg_id TEXT,
  ts INTEGER NOT NULL, edited INTEGER NOT NULL DEFAULT 0, deleted INTEGER NOT NULL DEFAULT 0,
  UNIQUE(room, sequence));
CREATE TABLE IF NOT EXISTS chat_receipts(
  room INTEGER NOT NULL, username TEXT NOT NULL, delivered INTEGER NOT NULL, read INTEGER NOT NULL,
  PRIMARY KEY(room, username));
)";

constexpr const char *kColumns = "id, room, sequence, kind, sender, recipients, text, ref, client_msg_id, ts, edited, deleted";

// Recipients as "\na\nb\n": usernames hold no control characters, and a
// recipient matches as "\n<name>\n".
std::string joinRecipients(const std::vector<std::string> &names) {
    if (names.empty()) return {};
    std::string out = "\n";
    for (const auto &n : names) out += n + "\n";
    return out;
}

std::vector<std::string> splitRecipients(const std::string &text) {
    std::vector<std::string> out;
    size_t start = 1;
    while (start < text.size()) {
        size_t nl = text.find('\n', start);
        out.push_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return out;
}

std::string select(const char *tail, bool archive) {
    std::string from = archive ? std::string("(SELECT ") + kColumns + " FROM chat_messages UNION ALL SELECT " + kColumns +
                                     " FROM chat_archive)"
                               : std::string("chat_messages");
    return std::string("SELECT ") + kColumns + " FROM " + from + " " + tail;
}

} // namespace

Store::Store(sqlite3 *db) : db_(db) {
    // synchronous=FULL: a commit is on disk when COMMIT returns, so what we
    // acknowledge after it survives a crash or a power cut.
    exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
    exec(kSchema);
}

Store::~Store() {
    statements_.clear();
    sqlite3_close(db_);
}

void Store::exec(const char *sql) {
    char *msg = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
        std::string what = msg ? msg : sqlite3_errmsg(db_);
        sqlite3_free(msg);
        throw StorageError(what);
    }
}

void Store::rollback() {
    if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

Statement &Store::stmt(const char *sql) {
    auto &slot = statements_[sql];
    if (!slot) slot = std::make_unique<Statement>(db_, sql);
    return slot->reset();
}

MessageRow Store::rowFrom(const Statement &s) {
    MessageRow r;
    r.id = s.i64(0);
    r.room = s.u64(1);
    r.sequence = s.u64(2);
    r.kind = s.text(3);
    r.sender = s.text(4);
    r.recipients = splitRecipients(s.text(5));
    r.text = s.text(6);
    r.ref = s.u64(7);
    r.client_msg_id = s.text(8);
    r.ts_ms = s.i64(9);
    r.edited = s.i64(10) != 0;
    r.deleted = s.i64(11) != 0;
    return r;
}

std::vector<StoredRoom> Store::rooms() {
    std::vector<StoredRoom> out;
    auto &s = stmt("SELECT room, description, secret, pin, is_private, max_members FROM chat_rooms");
    while (s.step()) {
        StoredRoom r;
        r.id = s.u64(0);
        r.settings = RoomSettings{s.text(1), s.text(2), s.text(3), s.i64(4) != 0, static_cast<uint32_t>(s.i64(5))};
        out.push_back(std::move(r));
    }
    return out;
}

void Store::saveRoom(const StoredRoom &room) {
    const RoomSettings &r = room.settings;
    stmt("INSERT OR REPLACE INTO chat_rooms(room, description, secret, pin, is_private, max_members) "
         "VALUES(?, ?, ?, ?, ?, ?)")
        .bind(room.id).bind(r.description).bind(r.secret).bind(r.pin).bind(r.is_private)
        .bind(static_cast<int64_t>(r.max_members)).run();
}

void Store::deleteRoom(uint64_t id) { stmt("DELETE FROM chat_rooms WHERE room = ?").bind(id).run(); }

std::vector<std::pair<uint64_t, uint64_t>> Store::lastSequences() {
    std::vector<std::pair<uint64_t, uint64_t>> out;
    auto &s = stmt("SELECT room, MAX(sequence) FROM (SELECT room, sequence FROM chat_messages UNION ALL "
                   "SELECT room, sequence FROM chat_archive) GROUP BY room");
    while (s.step()) out.emplace_back(s.u64(0), s.u64(1));
    return out;
}

std::optional<MessageRow> Store::findByClientId(uint64_t room, const std::string &sender,
                                                const std::string &client_msg_id) {
    static const std::string sql = select("WHERE room = ? AND sender = ? AND client_msg_id = ?", false);
    auto &s = stmt(sql.c_str()).bind(room).bind(sender).bind(client_msg_id);
    if (!s.step()) return std::nullopt;
    return rowFrom(s);
}

std::optional<MessageRow> Store::find(uint64_t room, uint64_t sequence) {
    static const std::string sql = select("WHERE room = ? AND sequence = ?", true);
    auto &s = stmt(sql.c_str()).bind(room).bind(sequence);
    if (!s.step()) return std::nullopt;
    return rowFrom(s);
}

int64_t Store::insert(const MessageRow &r) {
    stmt("INSERT INTO chat_messages(room, sequence, kind, sender, recipients, text, ref, client_msg_id, ts) "
         "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(r.room).bind(r.sequence).bind(r.kind).bind(r.sender).bindOptional(joinRecipients(r.recipients))
        .bind(r.text).bind(r.ref).bindOptional(r.client_msg_id).bind(r.ts_ms).run();
    return sqlite3_last_insert_rowid(db_);
}

void Store::markEdited(uint64_t room, uint64_t sequence, const std::string &text) {
    for (const char *sql : {"UPDATE chat_messages SET text = ?, edited = 1 WHERE room = ? AND sequence = ?",
                            "UPDATE chat_archive SET text = ?, edited = 1 WHERE room = ? AND sequence = ?"})
        stmt(sql).bind(text).bind(room).bind(sequence).run();
}

void Store::markDeleted(uint64_t room, uint64_t sequence) {
    for (const char *sql : {"UPDATE chat_messages SET text = '', deleted = 1 WHERE room = ? AND sequence = ?",
                            "UPDATE chat_archive SET text = '', deleted = 1 WHERE room = ? AND sequence = ?"})
        stmt(sql).bind(room).bind(sequence).run();
}

HistoryPage Store::history(const HistoryQuery &q) {
    // One statement per shape; the ordering decides which end of the range we page from.
    static const std::string kAfter[2] = {select("WHERE room = ? AND sequence > ? ORDER BY sequence ASC LIMIT ?", false),
                                          select("WHERE room = ? AND sequence > ? ORDER BY sequence ASC LIMIT ?", true)};
    static const std::string kBefore[2] = {select("WHERE room = ? AND sequence < ? ORDER BY sequence DESC LIMIT ?", false),
                                           select("WHERE room = ? AND sequence < ? ORDER BY sequence DESC LIMIT ?", true)};
    bool ascending = q.after.has_value();
    const std::string &sql = (ascending ? kAfter : kBefore)[q.archive ? 1 : 0];
    auto &s = stmt(sql.c_str()).bind(q.room);
    if (ascending) s.bind(*q.after);
    else s.bind(q.before.value_or(static_cast<uint64_t>(INT64_MAX)));
    s.bind(static_cast<int64_t>(q.limit) + 1);
    HistoryPage page;
    while (s.step()) page.rows.push_back(rowFrom(s));
    page.has_more = page.rows.size() > q.limit;
    if (page.has_more) page.rows.pop_back();
    if (!ascending) std::reverse(page.rows.begin(), page.rows.end());
    return page;
}

std::vector<std::pair<std::pair<uint64_t, std::string>, Cursor>> Store::cursors() {
    std::vector<std::pair<std::pair<uint64_t, std::string>, Cursor>> out;
    auto &s = stmt("SELECT room, username, delivered, read FROM chat_receipts");
    while (s.step()) out.push_back({{s.u64(0), s.text(1)}, Cursor{s.u64(2), s.u64(3)}});
    return out;
}

void Store::saveCursor(uint64_t room, const std::string &user, Cursor c) {
    // Cursors only move forward, whatever order concurrent updates commit in.
    stmt("INSERT INTO chat_receipts(room, username, delivered, read) VALUES(?, ?, MAX(?, ?), ?) "
         "ON CONFLICT(room, username) DO UPDATE SET delivered = MAX(delivered, excluded.delivered), "
         "read = MAX(read, excluded.read)")
        .bind(room).bind(user).bind(c.delivered).bind(c.read).bind(c.read).run();
}

size_t Store::archiveOlderThan(int64_t cutoff_ms) {
    static const std::string kCopy = std::string("INSERT INTO chat_archive(") + kColumns + ") SELECT " + kColumns +
                                     " FROM chat_messages WHERE ts < ?";
    stmt(kCopy.c_str()).bind(cutoff_ms).run();
    stmt("DELETE FROM chat_messages WHERE ts < ?").bind(cutoff_ms).run();
    return static_cast<size_t>(sqlite3_changes(db_));
}

} // namespace portunus::chat
