#include "loop/loop_pool.hpp"

#include <thread>

namespace portunus {

LoopPool::LoopPool(unsigned threads) {
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    for (unsigned i = 0; i < threads; ++i) loops_.push_back(std::make_unique<Loop>(i));
}

void LoopPool::start() {
    for (auto &l : loops_) l->start();
}

void LoopPool::stop() {
    for (auto &l : loops_) l->stop();
}

Loop &LoopPool::next() { return *loops_[next_.fetch_add(1, std::memory_order_relaxed) % loops_.size()]; }

} // namespace portunus
