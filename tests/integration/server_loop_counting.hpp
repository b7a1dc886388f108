// Turns allocation counting (thread_allocation_counter) on or off on every
// loop thread of an in-process server, returning once each loop has done it.
#pragma once

#include "app/server.hpp"
#include "loop/loop_pool.hpp"
#include "thread_allocation_counter.hpp"

#include <boost/asio/post.hpp>

#include <future>
#include <memory>
#include <vector>

namespace portunus::test {

inline void setCountingOnServerLoops(Server &server, bool on) {
    LoopPool &loops = server.loops();
    std::vector<std::future<void>> done;
    for (size_t i = 0; i < loops.size(); ++i) {
        auto task = std::make_shared<std::packaged_task<void()>>([on] { allocations::countAllocationsOnThisThread(on); });
        done.push_back(task->get_future());
        boost::asio::post(loops.at(i).context(), [task] { (*task)(); });
    }
    for (auto &d : done) d.get();
}

} // namespace portunus::test
