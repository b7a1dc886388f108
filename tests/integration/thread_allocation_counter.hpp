// Counting heap allocations on chosen threads of the whole process, for the
// executable that links thread_allocation_counter.cpp (it replaces malloc,
// calloc, realloc, the aligned forms and the global operator new, so link it
// into one test executable of its own).
//
// Only threads that opted in count: a thread calls countAllocationsOnThisThread(true)
// — e.g. a task posted to each of the server's loops — and every allocation it
// makes from then on is counted, by C++ (operator new) and C (malloc from GLib,
// libnice, OpenSSL, ...) code alike, and by call stack (backtrace(), up to
// kMaxSites distinct ones), so a test can say what allocated and how often.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace portunus::test::allocations {

inline constexpr size_t kMaxSites = 64;

// Opts the calling thread in (or out).
void countAllocationsOnThisThread(bool on);

struct Counts {
    uint64_t total = 0;        // malloc-level: every allocation
    uint64_t operator_new = 0; // of which through operator new
};
Counts counts();
void reset(); // counts and traces

// The call stacks that allocated, most frequent first: one summary line each
// (count, size, the allocator's caller, our innermost frame), then the full
// symbolised stacks of the first `max_stacks`.
std::string traces(size_t max_stacks = 5);

// Call once early (before counting): backtrace() loads libgcc on first use.
void prepare();

} // namespace portunus::test::allocations
