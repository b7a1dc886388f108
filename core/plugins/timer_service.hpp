// Plugin timers on asio loops: one-shot or repeating, cancellable from any
// thread, and cancelled with their handle.
//
// Cancelling is final: once cancel() returns, the callback is not running
// and never runs again (unless cancel() is called from that callback, which
// then finishes), so a plugin may free what the callback uses right after.
// The wait needs the callback not to block on something the canceller holds.
#pragma once

#include <portunus/plugin.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace portunus {

class Loop;

class TimerService {
public:
    // Returns the timer's id (> 0). `handle_id` 0 = not tied to a handle.
    uint64_t start(Loop &loop, uint64_t handle_id, uint32_t delay_ms, uint32_t repeat_ms, portunus_timer_fn fn,
                   void *user);
    void cancel(uint64_t id);
    void cancelForHandle(uint64_t handle_id);
    void cancelAll();
    size_t active() const;

private:
    struct Timer;
    using TimerList = std::vector<std::shared_ptr<Timer>>;
    void arm(const std::shared_ptr<Timer> &timer, uint32_t delay_ms);
    // Removes the timers for which `match` holds; they are stopped outside the lock.
    template <typename Match>
    TimerList take(Match match);
    static void stop(const TimerList &timers);

    mutable std::mutex mutex_;
    std::unordered_map<uint64_t, std::shared_ptr<Timer>> timers_;
    uint64_t next_id_ = 1;
};

} // namespace portunus
