#include "plugins/timer_service.hpp"

#include "loop/loop.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

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

namespace {
// A callback that holds its timer until released: starts, waits, finishes.
struct Blocking {
    std::mutex m;
    std::condition_variable cv;
    bool started = false, released = false;
    std::atomic<bool> finished{false};
    static void fire(void *self) {
        auto *b = static_cast<Blocking *>(self);
        std::unique_lock lock(b->m);
        b->started = true;
        b->cv.notify_all();
        b->cv.wait(lock, [&] { return b->released; });
        b->finished = true;
    }
};
} // namespace

TEST(TimerService, CancelReturnsOnlyOnceARunningCallbackHasFinished) {
    Loop loop(0);
    loop.start();
    TimerService timers;
    Blocking b;
    uint64_t id = timers.start(loop, 0, 0, 0, &Blocking::fire, &b);
    {
        std::unique_lock lock(b.m);
        ASSERT_TRUE(b.cv.wait_for(lock, std::chrono::seconds(10), [&] { return b.started; }));
    }
    std::atomic<bool> finished_when_cancel_returned{false};
    std::thread canceller([&] {
        timers.cancel(id);
        finished_when_cancel_returned = b.finished.load();
    });
    // Once cancel() has taken the timer out it waits for the callback; then release it.
    while (timers.active() != 0) std::this_thread::yield();
    {
        std::lock_guard lock(b.m);
        b.released = true;
        b.cv.notify_all();
    }
    canceller.join();
    loop.stop();
    EXPECT_TRUE(finished_when_cancel_returned);
}

TEST(TimerService, ACallbackMayCancelItsOwnTimer) {
    Loop loop(0);
    loop.start();
    TimerService timers;
    struct Self {
        TimerService *timers;
        std::atomic<uint64_t> id{0};
        Counter done;
    } self{&timers};
    self.id = timers.start(loop, 0, 0, 5, [](void *user) {
        auto *s = static_cast<Self *>(user);
        while (s->id == 0) std::this_thread::yield(); // start() has not returned yet
        s->timers->cancel(s->id); // from inside: must not wait for itself
        Counter::fire(&s->done);
    }, &self);
    ASSERT_TRUE(self.done.waitFor(1));
    loop.stop();
    EXPECT_EQ(self.done.fired, 1);
    EXPECT_EQ(timers.active(), 0u);
}
