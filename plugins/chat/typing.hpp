// Typing indicators: ephemeral, never stored. At most one typing event per
// user per room per interval; the others are dropped. Time is passed in.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>

namespace portunus::chat {

class TypingThrottle {
public:
    explicit TypingThrottle(uint32_t interval_ms) : interval_ms_(interval_ms) {}

    // True when the user's typing event may go out now (and records it).
    bool allow(uint64_t room, const std::string &user, int64_t now_ms);
    // Forgets a user (left the room) or a room (destroyed).
    void forget(uint64_t room, const std::string &user) { last_.erase({room, user}); }
    void forgetRoom(uint64_t room);

private:
    uint32_t interval_ms_;
    std::map<std::pair<uint64_t, std::string>, int64_t> last_;
};

} // namespace portunus::chat
