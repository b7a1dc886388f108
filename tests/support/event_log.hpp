// The Janus events a test client received, in order, and a wait for one that
// matches: what WebRtcClient and SubscriberClient both keep for their tests.
// Thread-safe: the signaling reader adds, test threads read and wait.
#pragma once

#include "support/json.hpp"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

namespace portunus::test {

class EventLog {
public:
    // Returns how many events there are now.
    size_t add(Json event) {
        std::lock_guard lock(mutex_);
        events_.push_back(std::move(event));
        changed_.notify_all();
        return events_.size();
    }
    std::vector<Json> all() const {
        std::lock_guard lock(mutex_);
        return events_;
    }
    size_t size() const {
        std::lock_guard lock(mutex_);
        return events_.size();
    }
    // The first event at index >= `from` for which `match` holds, waiting up
    // to `timeout` for it; nullopt when none came.
    std::optional<Json> waitFor(const std::function<bool(const Json &)> &match, std::chrono::milliseconds timeout,
                                size_t from = 0) const {
        std::unique_lock lock(mutex_);
        std::optional<Json> found;
        changed_.wait_for(lock, timeout, [&] {
            for (size_t i = from; i < events_.size(); ++i)
                if (match(events_[i])) {
                    found = events_[i];
                    return true;
                }
            from = std::max(from, events_.size()); // looked at already
            return false;
        });
        return found;
    }

private:
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    std::vector<Json> events_;
};

} // namespace portunus::test
