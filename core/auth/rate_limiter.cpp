#include "auth/rate_limiter.hpp"

#include <algorithm>

namespace portunus::auth {

namespace {
// Beyond this many keys, full buckets (which hold nothing a fresh one would
// not) are dropped so that many passing IPs cannot grow the map without end.
constexpr size_t kPruneAbove = 10000;
} // namespace

void RateLimiter::refill(Bucket &b, Clock::time_point now) const {
    double minutes = std::chrono::duration<double>(now - b.updated).count() / 60.0;
    b.tokens = std::min<double>(burst_, b.tokens + minutes * per_minute_);
    b.updated = now;
}

bool RateLimiter::allow(const std::string &key, Clock::time_point now) {
    if (per_minute_ == 0) return true;
    std::lock_guard lock(mutex_);
    if (buckets_.size() > kPruneAbove) {
        for (auto it = buckets_.begin(); it != buckets_.end();) {
            refill(it->second, now);
            it = it->second.tokens >= burst_ ? buckets_.erase(it) : std::next(it);
        }
    }
    auto [it, fresh] = buckets_.try_emplace(key, Bucket{static_cast<double>(burst_), now});
    if (!fresh) refill(it->second, now);
    if (it->second.tokens < 1.0) return false;
    it->second.tokens -= 1.0;
    return true;
}

} // namespace portunus::auth
