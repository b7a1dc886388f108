// At most one event per user per scope per window (a second by default): the
// first change goes out at once, later ones within the window are held and
// only the latest of them goes out when the window ends. A user flapping
// between states costs watchers one event a second, and never hides the final
// state.
#pragma once

#include "presence_types.hpp"

#include <chrono>
#include <string>
#include <unordered_map>
#include <vector>

namespace portunus::presence {

class Coalescer {
public:
    explicit Coalescer(std::chrono::milliseconds window) : window_(window) {}

    // Appends `change` to `out` when it may go out now; otherwise keeps it.
    void offer(MemberChange change, SteadyTime now, std::vector<MemberChange> &out);
    // Appends the kept changes whose window has ended, and forgets quiet users.
    void flush(SteadyTime now, std::vector<MemberChange> &out);

    size_t tracked() const { return entries_.size(); }

private:
    struct Entry {
        SteadyTime last_sent;
        std::optional<MemberChange> pending;
    };
    std::chrono::milliseconds window_;
    std::unordered_map<std::string, Entry> entries_; // "scope\nuser" (neither has control characters)
};

} // namespace portunus::presence
