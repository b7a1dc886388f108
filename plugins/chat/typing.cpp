#include "typing.hpp"

namespace portunus::chat {

bool TypingThrottle::allow(uint64_t room, const std::string &user, int64_t now_ms) {
    auto [it, fresh] = last_.try_emplace({room, user}, now_ms);
    if (fresh) return true;
    if (now_ms - it->second < static_cast<int64_t>(interval_ms_)) return false;
    it->second = now_ms;
    return true;
}

void TypingThrottle::forgetRoom(uint64_t room) {
    auto it = last_.lower_bound({room, std::string()});
    while (it != last_.end() && it->first.first == room) it = last_.erase(it);
}

} // namespace portunus::chat
