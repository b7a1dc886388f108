// Plugin timers on asio loops: one-shot or repeating, cancellable from any
// thread, and cancelled with their handle.
#pragma once

#include <portunus/plugin.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

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
    void arm(const std::shared_ptr<Timer> &timer, uint32_t delay_ms);
    void cancelLocked(std::unordered_map<uint64_t, std::shared_ptr<Timer>>::iterator it);

    mutable std::mutex mutex_;
    std::unordered_map<uint64_t, std::shared_ptr<Timer>> timers_;
    uint64_t next_id_ = 1;
};

} // namespace portunus
