#include "plugins/timer_service.hpp"

#include "loop/loop.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

using portunus::Loop;
using portunus::TimerService;

namespace {
struct Counter {
    std::mutex m;
    std::condition_variable cv;
    int fired = 0;
    static void fire(void *self) {
        auto *c = static_cast<Counter *>(self);
        std::lock_guard lock(c->m);
        ++c->fired;
        c->cv.notify_all();
    }
    bool waitFor(int n) {
        std::unique_lock lock(m);
        return cv.wait_for(lock, std::chrono::seconds(10), [&] { return fired >= n; });
    }
};
} // namespace

TEST(TimerService, OneShotFiresOnceAndIsForgotten) {
    Loop loop(0);
    loop.start();
    TimerService timers;
    Counter c;
    EXPECT_GT(timers.start(loop, 0, 0, 0, &Counter::fire, &c), 0u);
    ASSERT_TRUE(c.waitFor(1));
    loop.stop();
    EXPECT_EQ(c.fired, 1);
    EXPECT_EQ(timers.active(), 0u);
}

TEST(TimerService, RepeatingUntilCancelled) {
    Loop loop(0);
    loop.start();
    TimerService timers;
    Counter c;
    uint64_t id = timers.start(loop, 0, 0, 1, &Counter::fire, &c);
    ASSERT_TRUE(c.waitFor(3));
    timers.cancel(id);
    EXPECT_EQ(timers.active(), 0u);
    loop.stop();
}

TEST(TimerService, HandleTimersGoWithTheHandle) {
    Loop loop(0);
    loop.start();
    TimerService timers;
    Counter c;
    timers.start(loop, 7, 3600 * 1000, 0, &Counter::fire, &c);
    timers.start(loop, 8, 3600 * 1000, 0, &Counter::fire, &c);
    timers.cancelForHandle(7);
    EXPECT_EQ(timers.active(), 1u);
    timers.cancelAll();
    EXPECT_EQ(timers.active(), 0u);
    loop.stop(); // a cancelled hour-long timer must not hold the loop
    EXPECT_EQ(c.fired, 0);
}
