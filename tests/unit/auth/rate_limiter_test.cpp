// Token buckets per key: a burst, then refill at the per-minute rate.
#include "auth/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace portunus::auth {
namespace {

using namespace std::chrono_literals;

TEST(RateLimiter, BurstThenRefillPerKey) {
    RateLimiter limiter(60, 2); // one a second, two at once
    auto t0 = RateLimiter::Clock::time_point{} + 1h;
    EXPECT_TRUE(limiter.allow("a", t0));
    EXPECT_TRUE(limiter.allow("a", t0));
    EXPECT_FALSE(limiter.allow("a", t0));
    EXPECT_TRUE(limiter.allow("b", t0)); // keys do not share a bucket
    EXPECT_FALSE(limiter.allow("a", t0 + 500ms));
    EXPECT_TRUE(limiter.allow("a", t0 + 1s));
    EXPECT_FALSE(limiter.allow("a", t0 + 1s));
    EXPECT_TRUE(limiter.allow("a", t0 + 10s));
    EXPECT_TRUE(limiter.allow("a", t0 + 10s)); // refill stops at the burst
    EXPECT_FALSE(limiter.allow("a", t0 + 10s));
}

TEST(RateLimiter, ZeroMeansUnlimited) {
    RateLimiter limiter(0, 0);
    for (int i = 0; i < 1000; ++i) ASSERT_TRUE(limiter.allow("a"));
}

} // namespace
} // namespace portunus::auth
