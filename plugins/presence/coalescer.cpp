#include "coalescer.hpp"

namespace portunus::presence {

void Coalescer::offer(MemberChange change, SteadyTime now, std::vector<MemberChange> &out) {
    std::string key = change.scope + '\n' + change.member.user;
    auto [it, created] = entries_.try_emplace(std::move(key));
    Entry &e = it->second;
    if (created || (!e.pending && now - e.last_sent >= window_)) {
        e.last_sent = now;
        out.push_back(std::move(change));
        return;
    }
    e.pending = std::move(change);
}

void Coalescer::flush(SteadyTime now, std::vector<MemberChange> &out) {
    for (auto it = entries_.begin(); it != entries_.end();) {
        Entry &e = it->second;
        bool window_over = now - e.last_sent >= window_;
        if (window_over && e.pending) {
            out.push_back(std::move(*e.pending));
            e.pending.reset();
            e.last_sent = now;
        } else if (window_over) {
            it = entries_.erase(it);
            continue;
        }
        ++it;
    }
}

} // namespace portunus::presence
