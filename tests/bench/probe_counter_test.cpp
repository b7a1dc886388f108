// What the load generator's figures rest on: ProbeCounter's loss accounting
// (expected = first to last probe seen), its jitter, and DelayHistogram's
// percentiles and merging.
#include "support/delay_histogram.hpp"
#include "support/synthetic_media.hpp"

#include <gtest/gtest.h>

namespace portunus::test {
namespace {

TEST(ProbeCounter, ExpectsEverySeqFromTheFirstToTheLastSeen) {
    ProbeCounter c(1024);
    // Joined late (seqs 0..4 never sent to us), then 7 and 9 lost, 8 twice.
    for (uint32_t seq : {5u, 6u, 8u, 8u, 10u, 11u}) c.onProbe({seq, 1000}, 2000);
    EXPECT_EQ(c.unique(), 5u);
    EXPECT_EQ(c.duplicates(), 1u);
    EXPECT_EQ(c.expected(), 7u); // 5..11
    EXPECT_EQ(c.lastSeq(), 11u);
    EXPECT_EQ(c.expected() - c.unique(), 2u);
}

TEST(ProbeCounter, JitterIsZeroForAConstantDelayAndGrowsWhenItVaries) {
    ProbeCounter steady(64), varying(64);
    for (uint32_t i = 0; i < 32; ++i) {
        int64_t sent = int64_t(i) * 20000;
        steady.onProbe({i, sent}, sent + 1000);
        varying.onProbe({i, sent}, sent + (i % 2 ? 3000 : 1000));
    }
    EXPECT_EQ(steady.jitterMs(), 0.0);
    EXPECT_GT(varying.jitterMs(), 1.0); // converging on the 2 ms swing
    EXPECT_LE(varying.jitterMs(), 2.0);
}

TEST(DelayHistogram, PercentilesAreUpperBucketEdgesOverMergedSamples) {
    DelayHistogram a, b;
    for (int i = 0; i < 98; ++i) a.add(1000); // 1 ms
    b.add(20000);                             // 20 ms
    b.add(500000);                            // beyond the last bucket
    a.merge(b);
    EXPECT_EQ(a.count(), 100u);
    EXPECT_DOUBLE_EQ(a.percentileMs(0.5), 1.05);
    EXPECT_DOUBLE_EQ(a.percentileMs(0.98), 1.05);
    EXPECT_DOUBLE_EQ(a.percentileMs(0.99), 20.05);
    EXPECT_DOUBLE_EQ(a.percentileMs(1.0), 204.8);
    EXPECT_EQ(DelayHistogram{}.percentileMs(0.99), 0.0);
}

} // namespace
} // namespace portunus::test
