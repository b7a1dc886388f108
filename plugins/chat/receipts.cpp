#include "receipts.hpp"

#include <algorithm>

namespace portunus::chat {

Cursor ReceiptBook::update(uint64_t room, const std::string &user, std::optional<uint64_t> delivered,
                           std::optional<uint64_t> read) {
    RoomReceipts &r = rooms_[room];
    Cursor &c = r.cursors[user];
    Cursor before = c;
    if (read) c.read = std::max(c.read, *read);
    c.delivered = std::max({c.delivered, delivered.value_or(0), c.read});
    if (!(c == before)) r.pending.insert(user);
    return c;
}

Cursor ReceiptBook::cursor(uint64_t room, const std::string &user) const {
    auto r = rooms_.find(room);
    if (r == rooms_.end()) return {};
    auto c = r->second.cursors.find(user);
    return c == r->second.cursors.end() ? Cursor{} : c->second;
}

std::vector<UserCursor> ReceiptBook::reached(uint64_t room, uint64_t sequence) const {
    std::vector<UserCursor> out;
    auto r = rooms_.find(room);
    if (r == rooms_.end()) return out;
    for (const auto &[user, c] : r->second.cursors)
        if (c.delivered >= sequence) out.push_back({user, c});
    return out;
}

std::vector<UserCursor> ReceiptBook::takePending(uint64_t room) {
    std::vector<UserCursor> out;
    auto r = rooms_.find(room);
    if (r == rooms_.end()) return out;
    for (const auto &user : r->second.pending) out.push_back({user, r->second.cursors[user]});
    r->second.pending.clear();
    return out;
}

std::optional<int64_t> ReceiptPacer::schedule(uint64_t room, int64_t now_ms) {
    State &s = rooms_[room];
    if (s.scheduled) return std::nullopt;
    s.scheduled = true;
    if (!s.last_ms) return 0;
    return std::max<int64_t>(0, *s.last_ms + interval_ms_ - now_ms);
}

void ReceiptPacer::flushed(uint64_t room, int64_t now_ms) {
    State &s = rooms_[room];
    s.scheduled = false;
    s.last_ms = now_ms;
}

} // namespace portunus::chat
