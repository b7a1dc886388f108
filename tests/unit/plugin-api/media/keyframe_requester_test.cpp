// KeyframeRequester: throttle, pending retries, and many threads asking at once.
#include <portunus/media/keyframe_requester.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <thread>
#include <vector>

using portunus::media::KeyframeRequester;

TEST(SdkKeyframeRequester, SendsTheFirstRequestThenThrottles) {
    KeyframeRequester k(500000);
    EXPECT_FALSE(k.pending());
    EXPECT_TRUE(k.request(1000000));
    EXPECT_FALSE(k.pending());
    EXPECT_FALSE(k.request(1000001));
    EXPECT_TRUE(k.pending());
    EXPECT_FALSE(k.request(1499999));
    EXPECT_TRUE(k.request(1500000)); // the interval passed: this one goes, pending with it
    EXPECT_FALSE(k.pending());
    EXPECT_FALSE(k.retryDue(3000000));
    EXPECT_TRUE(KeyframeRequester().request(-5)); // any clock origin
}

TEST(SdkKeyframeRequester, RetriesAPendingRequestOnceTheIntervalPassed) {
    KeyframeRequester k(200);
    EXPECT_TRUE(k.request(0));
    EXPECT_FALSE(k.request(50));
    EXPECT_FALSE(k.retryDue(199));
    EXPECT_TRUE(k.retryDue(200));
    EXPECT_FALSE(k.pending());
    EXPECT_FALSE(k.retryDue(1000)); // once
    EXPECT_FALSE(k.request(300));   // the retry counts as the last send
    EXPECT_TRUE(k.request(400));
}

TEST(SdkKeyframeRequester, AKeyframeSatisfiesPendingRequests) {
    KeyframeRequester k(200);
    EXPECT_TRUE(k.request(0));
    EXPECT_FALSE(k.request(10));
    EXPECT_TRUE(k.pending());
    k.onKeyframe();
    EXPECT_FALSE(k.pending());
    EXPECT_FALSE(k.retryDue(500));
    EXPECT_FALSE(k.request(100)); // still throttled: the keyframe does not reset the interval
}

// Rounds of "every thread asks at the same instant": exactly one is told to
// send when the interval has passed, none otherwise.
TEST(SdkKeyframeRequester, ConcurrentRequestsGetOneSendPerInterval) {
    constexpr int kThreads = 4, kRounds = 2000;
    constexpr int64_t kStep = 100, kInterval = 500;
    KeyframeRequester k(kInterval);
    std::atomic<int> sent_in_round[kRounds] = {};
    std::barrier sync(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            for (int round = 0; round < kRounds; ++round) {
                sync.arrive_and_wait();
                const int64_t now = round * kStep;
                // Half the threads ask, the other half check for a due retry.
                const bool sent = (t + round) % 2 ? k.request(now) : k.retryDue(now);
                if (sent) sent_in_round[round].fetch_add(1);
            }
        });
    for (auto &th : threads) th.join();
    int total = 0;
    for (int round = 0; round < kRounds; ++round) {
        const int expected = round % (kInterval / kStep) == 0 ? 1 : 0;
        EXPECT_EQ(sent_in_round[round].load(), expected) << "round " << round;
        total += sent_in_round[round].load();
    }
    EXPECT_EQ(total, kRounds / int(kInterval / kStep));
}
