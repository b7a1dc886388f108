#include "rtp/nack_generator.hpp"

#include <gtest/gtest.h>

#include <array>
#include <vector>

using portunus::rtp::NackGenerator;
using Result = NackGenerator::Result;
using Seqs = std::vector<uint16_t>;

namespace {
constexpr int64_t kRtt = 50000;
Seqs collect(NackGenerator &g, int64_t now, size_t max = 64) {
    std::array<uint16_t, 600> out;
    size_t n = g.collect(now, kRtt, std::span(out.data(), max));
    return Seqs(out.begin(), out.begin() + n);
}
} // namespace

TEST(NackGenerator, InOrderStreamNeedsNothing) {
    NackGenerator g;
    EXPECT_EQ(g.onPacket(10, 0), Result::first);
    for (uint16_t s = 11; s < 100; ++s) EXPECT_EQ(g.onPacket(s, 0), Result::inOrder);
    EXPECT_EQ(g.missingCount(), 0u);
    EXPECT_TRUE(collect(g, 0).empty());
}

TEST(NackGenerator, RequestsGapsAtOnceThenRetriesAfterAnRtt) {
    NackGenerator g;
    g.onPacket(1, 0);
    g.onPacket(2, 0);
    EXPECT_EQ(g.onPacket(5, 1000), Result::gap);
    EXPECT_EQ(g.missingCount(), 2u);
    EXPECT_EQ(collect(g, 1000), (Seqs{3, 4}));
    EXPECT_TRUE(collect(g, 1000 + kRtt - 1).empty()) << "within an RTT";
    EXPECT_EQ(g.onPacket(3, 20000), Result::recovered);
    EXPECT_EQ(g.onPacket(3, 20000), Result::old) << "duplicate";
    EXPECT_EQ(collect(g, 1000 + kRtt), (Seqs{4}));
    EXPECT_EQ(g.requestedCount(), 3u);
    EXPECT_EQ(g.recoveredCount(), 1u);
}

TEST(NackGenerator, BacksOffThenGivesUpAfterMaxRetries) {
    NackGenerator::Config c;
    c.max_retries = 4;
    c.max_backoff_shift = 2;
    c.max_age_us = 0;
    NackGenerator g(c);
    g.onPacket(1, 0);
    g.onPacket(3, 0);
    std::vector<int64_t> sent;
    for (int64_t t = 0; t <= 20 * kRtt; t += 1000)
        if (!collect(g, t).empty()) sent.push_back(t);
    // Request at 0, then after 1, 2, 4 RTTs: 4 requests in all.
    EXPECT_EQ(sent, (std::vector<int64_t>{0, kRtt, 3 * kRtt, 7 * kRtt}));
    EXPECT_EQ(g.missingCount(), 0u) << "dropped once the last retry had its time";
    EXPECT_EQ(g.droppedCount(), 1u);
}

TEST(NackGenerator, DropsWhatIsTooOld) {
    NackGenerator::Config c;
    c.max_age_us = 200000;
    NackGenerator g(c);
    g.onPacket(1, 0);
    g.onPacket(3, 0);
    EXPECT_EQ(collect(g, 0), (Seqs{2}));
    EXPECT_TRUE(collect(g, 200001).empty());
    EXPECT_EQ(g.missingCount(), 0u);
    EXPECT_EQ(g.droppedCount(), 1u);
}

TEST(NackGenerator, WrapsAround65535) {
    NackGenerator g;
    g.onPacket(65533, 0);
    EXPECT_EQ(g.onPacket(65534, 0), Result::inOrder);
    EXPECT_EQ(g.onPacket(2, 0), Result::gap);
    EXPECT_EQ(collect(g, 0), (Seqs{65535, 0, 1}));
    EXPECT_EQ(g.onPacket(0, 0), Result::recovered);
    EXPECT_EQ(g.missingCount(), 2u);
}

TEST(NackGenerator, LimitsEachCollectToTheOutputSize) {
    NackGenerator g;
    g.onPacket(0, 0);
    g.onPacket(11, 0);
    EXPECT_EQ(collect(g, 0, 4), (Seqs{1, 2, 3, 4}));
    EXPECT_EQ(collect(g, 0, 4), (Seqs{5, 6, 7, 8}));
    EXPECT_EQ(collect(g, 0, 4), (Seqs{9, 10}));
}

TEST(NackGenerator, MissingPacketsLeaveTheWindow) {
    NackGenerator::Config c;
    c.max_age_us = 0;
    NackGenerator g(c);
    g.onPacket(0, 0);
    g.onPacket(2, 0); // 1 missing
    for (uint16_t s = 3; s <= NackGenerator::kWindow; ++s) g.onPacket(s, 0);
    EXPECT_EQ(g.missingCount(), 1u) << "1 is the oldest seq the window holds";
    EXPECT_EQ(collect(g, 0), (Seqs{1}));
    g.onPacket(static_cast<uint16_t>(NackGenerator::kWindow + 1), 0);
    EXPECT_EQ(g.missingCount(), 0u);
    EXPECT_EQ(g.droppedCount(), 1u);
    EXPECT_EQ(g.onPacket(1, 0), Result::old);
}

TEST(NackGenerator, HugeGapResets) {
    NackGenerator g;
    g.onPacket(0, 0);
    g.onPacket(5, 0);
    EXPECT_EQ(g.onPacket(5 + 1000, 0), Result::reset);
    EXPECT_EQ(g.missingCount(), 0u);
    EXPECT_EQ(g.resetCount(), 1u);
    EXPECT_EQ(g.onPacket(5 + 1001, 0), Result::inOrder);
}

TEST(NackGenerator, SequenceRestartFarBehindIsConfirmedByTheNextPacket) {
    NackGenerator g;
    g.onPacket(40000, 0);
    g.onPacket(40001, 0);
    EXPECT_EQ(g.onPacket(20000, 0), Result::old); // 20001 behind: a straggler or a restart
    EXPECT_EQ(g.onPacket(20001, 0), Result::reset);
    EXPECT_EQ(g.onPacket(20003, 0), Result::gap);
    EXPECT_EQ(collect(g, 0), (Seqs{20002}));
    EXPECT_EQ(g.onPacket(5000, 0), Result::old);
    EXPECT_EQ(g.onPacket(20004, 0), Result::inOrder) << "a lone straggler does not reset";
}
