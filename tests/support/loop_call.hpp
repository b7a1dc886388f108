// What the test clients that own a Loop need to talk to it: run a function
// there and wait for its result, and the steady clock their media runs on.
#pragma once

#include "loop/loop.hpp"

#include <boost/asio/post.hpp>

#include <chrono>
#include <cstdint>
#include <future>

namespace portunus::test {

// Runs `f` on `loop` and returns its result (rethrowing what it throws).
// Never call it from the loop's own thread.
template <typename F>
auto onLoop(Loop &loop, F f) {
    std::packaged_task<decltype(f())()> task(std::move(f));
    auto result = task.get_future();
    boost::asio::post(loop.context(), [&task] { task(); });
    return result.get();
}

// Microseconds on the steady clock.
inline int64_t steadyNowUs() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace portunus::test
