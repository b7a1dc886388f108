// A fixed pool of loops (one io_context per thread, round-robin placement).
#pragma once

#include "loop/loop.hpp"

#include <atomic>
#include <memory>
#include <vector>

namespace portunus {

class LoopPool {
public:
    explicit LoopPool(unsigned threads); // 0 = one per core
    void start();
    void stop();

    size_t size() const { return loops_.size(); }
    Loop &at(size_t i) { return *loops_[i]; }
    // The loop for a new connection or handle.
    Loop &next();
    // The loop the control plane's own timers and signals run on.
    Loop &control() { return *loops_[0]; }

private:
    std::vector<std::unique_ptr<Loop>> loops_;
    std::atomic<size_t> next_{0};
};

} // namespace portunus
