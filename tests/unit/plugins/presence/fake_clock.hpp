// A hand-driven clock for the presence model: tests advance it and call the
// model with what it says, so TTL, away and coalescing run without waiting.
#pragma once

#include "presence_types.hpp"

namespace portunus::presence::test {

class FakeClock {
public:
    Instant now() const { return {SteadyTime(elapsed_), kEpochMs + elapsed_.count()}; }
    void advance(std::chrono::milliseconds d) { elapsed_ += d; }

    static constexpr int64_t kEpochMs = 1'700'000'000'000;

private:
    std::chrono::milliseconds elapsed_{1000};
};

} // namespace portunus::presence::test
