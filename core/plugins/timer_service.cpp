#include "plugins/timer_service.hpp"

#include "loop/handler_memory.hpp"
#include "loop/loop.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>

namespace portunus {

struct TimerService::Timer {
    Timer(Loop &l, uint64_t i, uint64_t h, uint32_t r, portunus_timer_fn f, void *u)
        : loop(l), timer(l.context()), id(i), handle_id(h), repeat_ms(r), fn(f), user(u) {}
    Loop &loop;
    boost::asio::steady_timer timer;
    uint64_t id;
    uint64_t handle_id;
    uint32_t repeat_ms;
    portunus_timer_fn fn;
    void *user;
    std::atomic<bool> cancelled{false};
    HandlerMemory<1> memory; // a repeating timer re-arms without allocating
};

uint64_t TimerService::start(Loop &loop, uint64_t handle_id, uint32_t delay_ms, uint32_t repeat_ms,
                             portunus_timer_fn fn, void *user) {
    std::shared_ptr<Timer> t;
    {
        std::lock_guard lock(mutex_);
        t = std::make_shared<Timer>(loop, next_id_++, handle_id, repeat_ms, fn, user);
        timers_[t->id] = t;
    }
    // steady_timer is not thread-safe: arm it on its own loop.
    boost::asio::post(loop.context(), [this, t, delay_ms] { arm(t, delay_ms); });
    return t->id;
}

void TimerService::arm(const std::shared_ptr<Timer> &t, uint32_t delay_ms) {
    if (t->cancelled) return;
    t->timer.expires_after(std::chrono::milliseconds(delay_ms));
    t->timer.async_wait(bindHandler(t->memory, [this, t](const boost::system::error_code &ec) {
        if (ec || t->cancelled) return;
        t->fn(t->user);
        if (t->repeat_ms && !t->cancelled) {
            arm(t, t->repeat_ms);
            return;
        }
        std::lock_guard lock(mutex_);
        timers_.erase(t->id);
    }));
}

void TimerService::cancelLocked(std::unordered_map<uint64_t, std::shared_ptr<Timer>>::iterator it) {
    std::shared_ptr<Timer> t = it->second;
    t->cancelled = true;
    timers_.erase(it);
    boost::asio::post(t->loop.context(), [t] { t->timer.cancel(); });
}

void TimerService::cancel(uint64_t id) {
    std::lock_guard lock(mutex_);
    if (auto it = timers_.find(id); it != timers_.end()) cancelLocked(it);
}

void TimerService::cancelForHandle(uint64_t handle_id) {
    std::lock_guard lock(mutex_);
    for (auto it = timers_.begin(); it != timers_.end();) {
        auto next = std::next(it);
        if (it->second->handle_id == handle_id) cancelLocked(it);
        it = next;
    }
}

void TimerService::cancelAll() {
    std::lock_guard lock(mutex_);
    while (!timers_.empty()) cancelLocked(timers_.begin());
}

size_t TimerService::active() const {
    std::lock_guard lock(mutex_);
    return timers_.size();
}

} // namespace portunus
