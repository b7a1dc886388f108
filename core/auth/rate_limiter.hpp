// Token buckets by key (an IP, a user): each key may spend `burst` at once and
// regains `per_minute` tokens a minute. Thread-safe; not for the media path.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace portunus::auth {

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;
    // per_minute 0 = unlimited.
    RateLimiter(unsigned per_minute, unsigned burst) : per_minute_(per_minute), burst_(burst) {}

    // Takes one token from `key`'s bucket; false when it is empty.
    bool allow(const std::string &key, Clock::time_point now = Clock::now());

private:
    struct Bucket {
        double tokens;
        Clock::time_point updated;
    };
    void refill(Bucket &b, Clock::time_point now) const;

    const unsigned per_minute_;
    const unsigned burst_;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

} // namespace portunus::auth
