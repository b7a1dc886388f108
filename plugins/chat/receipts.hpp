// Delivered/read receipts as cursors: per user per room, the highest
// sequence delivered to and read by that user (never a row per message per
// user). Changes are fanned out coalesced: ReceiptPacer allows at most one
// receipts event per room per interval. Time is passed in.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace portunus::chat {

struct Cursor {
    uint64_t delivered = 0;
    uint64_t read = 0;
    bool operator==(const Cursor &) const = default;
};

struct UserCursor {
    std::string user;
    Cursor cursor;
};

class ReceiptBook {
public:
    // Moves the user's cursors forward (never back; read implies delivered).
    // Returns the cursor after the update; marks the user pending when it changed.
    Cursor update(uint64_t room, const std::string &user, std::optional<uint64_t> delivered,
                  std::optional<uint64_t> read);
    void load(uint64_t room, const std::string &user, Cursor c) { rooms_[room].cursors[user] = c; }
    Cursor cursor(uint64_t room, const std::string &user) const;
    // Users whose delivered cursor reaches `sequence` (read ones have read >= sequence).
    std::vector<UserCursor> reached(uint64_t room, uint64_t sequence) const;
    // The cursors changed since the last call, for the room's receipts event.
    std::vector<UserCursor> takePending(uint64_t room);
    void forgetRoom(uint64_t room) { rooms_.erase(room); }

private:
    struct RoomReceipts {
        std::map<std::string, Cursor> cursors;
        std::set<std::string> pending;
    };
    std::map<uint64_t, RoomReceipts> rooms_;
};

class ReceiptPacer {
public:
    explicit ReceiptPacer(uint32_t interval_ms) : interval_ms_(interval_ms) {}
    // A room's receipts changed: the delay after which its event may go out,
    // or nullopt when one is already scheduled (the change rides along).
    std::optional<int64_t> schedule(uint64_t room, int64_t now_ms);
    // The room's event went out at now_ms.
    void flushed(uint64_t room, int64_t now_ms);
    void forgetRoom(uint64_t room) { rooms_.erase(room); }

private:
    struct State {
        std::optional<int64_t> last_ms;
        bool scheduled = false;
    };
    uint32_t interval_ms_;
    std::map<uint64_t, State> rooms_;
};

} // namespace portunus::chat
