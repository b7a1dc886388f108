// Per-user send rate limit: a token bucket per key, refilled continuously.
// Time is passed in (milliseconds on a steady clock), so tests drive it.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

namespace portunus::chat {

class RateLimiter {
public:
    RateLimiter(double per_second, uint32_t burst) : per_ms_(per_second / 1000.0), burst_(burst) {}

    // Takes one token for `key`; false when its bucket is empty.
    bool allow(const std::string &key, int64_t now_ms);
    // Forgets keys whose buckets are full again (bounded memory).
    void prune(int64_t now_ms);

private:
    struct Bucket {
        double tokens;
        int64_t at_ms;
    };
    double refilled(const Bucket &b, int64_t now_ms) const;

    double per_ms_;
    double burst_;
    std::unordered_map<std::string, Bucket> buckets_;
};

} // namespace portunus::chat
