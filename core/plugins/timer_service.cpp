#include "plugins/timer_service.hpp"

#include "loop/handler_memory.hpp"
#include "loop/loop.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <thread>

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
    std::mutex running;                  // held while fn runs
    std::atomic<std::thread::id> runner; // the thread running fn, if any
    HandlerMemory<1> memory;             // a repeating timer re-arms without allocating
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
        {
            std::lock_guard run(t->running);
            if (ec || t->cancelled) return;
            t->runner = std::this_thread::get_id();
            t->fn(t->user);
            t->runner = std::thread::id();
        }
        if (t->repeat_ms && !t->cancelled) {
            arm(t, t->repeat_ms);
            return;
        }
        std::lock_guard lock(mutex_);
        timers_.erase(t->id);
    }));
}

template <typename Match>
TimerService::TimerList TimerService::take(Match match) {
    TimerList taken;
    std::lock_guard lock(mutex_);
    for (auto it = timers_.begin(); it != timers_.end();) {
        if (match(*it->second)) {
            taken.push_back(it->second);
            it = timers_.erase(it);
        } else {
            ++it;
        }
    }
    return taken;
}

void TimerService::stop(const TimerList &timers) {
    for (const auto &t : timers) {
        t->cancelled = true;
        boost::asio::post(t->loop.context(), [t] { t->timer.cancel(); });
        // Wait for a callback running now, unless it is the one cancelling.
        if (t->runner.load() != std::this_thread::get_id()) {
            std::lock_guard wait(t->running);
        }
    }
}

void TimerService::cancel(uint64_t id) {
    stop(take([id](const Timer &t) { return t.id == id; }));
}

void TimerService::cancelForHandle(uint64_t handle_id) {
    stop(take([handle_id](const Timer &t) { return t.handle_id == handle_id; }));
}

void TimerService::cancelAll() {
    stop(take([](const Timer &) { return true; }));
}

size_t TimerService::active() const {
    std::lock_guard lock(mutex_);
    return timers_.size();
}

} // namespace portunus
