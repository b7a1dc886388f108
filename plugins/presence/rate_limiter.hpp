// A token bucket: `rate` requests a second on average, `burst` at once.
#pragma once

#include "presence_types.hpp"

#include <algorithm>

namespace portunus::presence {

class RateLimiter {
public:
    RateLimiter(double rate, double burst) : rate_(rate), burst_(burst), tokens_(burst) {}

    // Takes a token when one is left; false means refuse the request.
    bool allow(SteadyTime now) {
        if (started_) {
            std::chrono::duration<double> dt = now - last_;
            tokens_ = std::min(burst_, tokens_ + dt.count() * rate_);
        }
        started_ = true;
        last_ = now;
        if (tokens_ < 1.0) return false;
        tokens_ -= 1.0;
        return true;
    }

private:
    double rate_;
    double burst_;
    double tokens_;
    SteadyTime last_{};
    bool started_ = false;
};

} // namespace portunus::presence
