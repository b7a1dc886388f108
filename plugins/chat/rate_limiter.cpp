#include "rate_limiter.hpp"

#include <algorithm>

namespace portunus::chat {

double RateLimiter::refilled(const Bucket &b, int64_t now_ms) const {
    return std::min(burst_, b.tokens + static_cast<double>(std::max<int64_t>(0, now_ms - b.at_ms)) * per_ms_);
}

bool RateLimiter::allow(const std::string &key, int64_t now_ms) {
    auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst_, now_ms});
    Bucket &b = it->second;
    if (!fresh) b = Bucket{refilled(b, now_ms), now_ms};
    if (b.tokens < 1.0) return false;
    b.tokens -= 1.0;
    return true;
}

void RateLimiter::prune(int64_t now_ms) {
    std::erase_if(buckets_, [&](const auto &entry) { return refilled(entry.second, now_ms) >= burst_; });
}

} // namespace portunus::chat
