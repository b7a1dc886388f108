// The vocabulary of presence: statuses, instants, what a scope member looks
// like to clients, and the changes the backplane reports.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace portunus::presence {

// Ordered from worst to best: a user's status is the best of its devices'.
enum class Status : uint8_t { offline = 0, away = 1, online = 2 };

constexpr std::string_view statusName(Status s) {
    switch (s) {
    case Status::online: return "online";
    case Status::away: return "away";
    case Status::offline: break;
    }
    return "offline";
}

using SteadyTime = std::chrono::steady_clock::time_point;

// "Now" as both clocks see it: the steady one drives TTLs, away and
// coalescing (immune to clock steps); the wall one dates last-seen for
// people. Passed in explicitly so the model is testable with a fake clock.
struct Instant {
    SteadyTime steady;
    int64_t wall_ms = 0; // Unix time in milliseconds

    static Instant now() {
        return {std::chrono::steady_clock::now(),
                std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count()};
    }
};

// A device is one client handle; its id is the handle id (unique per node).
using DeviceId = uint64_t;

// A user as one scope shows it: the best status of the user's devices that
// track the scope, how many they are, and the user's own text and last-seen.
struct MemberView {
    std::string user;
    Status status = Status::offline;
    uint32_t devices = 0;
    std::string status_text;
    std::optional<int64_t> last_seen_ms; // unknown for a user never seen
};

// One scope member changed (status, device count or status text).
struct MemberChange {
    std::string scope;
    MemberView member;
};

// What is kept about a user across restarts.
struct UserRecord {
    std::string user;
    int64_t last_seen_ms = 0;
    std::string status_text;
};

struct Counts {
    uint64_t online = 0;
    uint64_t away = 0;
};

} // namespace portunus::presence
