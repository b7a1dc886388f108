// Counts heap allocations made by the current thread inside a scope:
//   AllocationCounter counter;  ...  EXPECT_EQ(counter.count(), 0u);
// The unit_tests binary replaces the global operator new once (in
// allocation_test.cpp) to feed these counters; other threads and tests
// outside a scope are unaffected. Include this anywhere a test wants to
// prove a path allocation-free; do not replace operator new again.
#pragma once

#include <cstddef>

namespace portunus::test {

extern thread_local bool t_counting_allocations;
extern thread_local size_t t_allocations;

class AllocationCounter {
public:
    AllocationCounter() {
        t_allocations = 0;
        t_counting_allocations = true;
    }
    ~AllocationCounter() { t_counting_allocations = false; }
    AllocationCounter(const AllocationCounter &) = delete;
    AllocationCounter &operator=(const AllocationCounter &) = delete;
    size_t count() const { return t_allocations; }
};

} // namespace portunus::test
