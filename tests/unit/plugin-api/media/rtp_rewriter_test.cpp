// RtpRewriter: one continuous outgoing stream over changing sources.
#include <portunus/media/rtp_rewriter.hpp>

#include <gtest/gtest.h>

using portunus::media::RtpRewriter;

namespace {
constexpr uint32_t kVideo = 90000;
constexpr uint32_t kA = 0xA, kB = 0xB;
} // namespace

TEST(SdkRtpRewriter, FirstSourcePassesThroughAndGivesTheSsrc) {
    RtpRewriter r;
    EXPECT_FALSE(r.started());
    auto out = r.rewrite(kA, 1000, 5000, kVideo, 0);
    EXPECT_TRUE(r.started());
    EXPECT_EQ(out.ssrc, kA);
    EXPECT_EQ(out.seq, 1000);
    EXPECT_EQ(out.timestamp, 5000u);
    out = r.rewrite(kB, 7, 1, kVideo, 10000); // another source keeps the output SSRC
    EXPECT_EQ(out.ssrc, kA);
}

TEST(SdkRtpRewriter, FixedOutputSsrc) {
    RtpRewriter r(0x5555);
    EXPECT_EQ(r.rewrite(kA, 1, 1, kVideo, 0).ssrc, 0x5555u);
    EXPECT_EQ(r.rewrite(kB, 1, 1, kVideo, 0).ssrc, 0x5555u);
}

TEST(SdkRtpRewriter, NewSourceContinuesAfterTheNewestOutput) {
    RtpRewriter r;
    r.rewrite(kA, 100, 9000, kVideo, 1000000);
    r.rewrite(kA, 101, 12000, kVideo, 1033000);
    // 50 ms later, B starts somewhere else entirely.
    auto out = r.rewrite(kB, 40000, 777, kVideo, 1083000);
    EXPECT_EQ(out.seq, 102);
    EXPECT_EQ(out.timestamp, 12000u + 4500); // 50 ms at 90 kHz
    // Then B's own spacing, offset.
    out = r.rewrite(kB, 40001, 777 + 3000, kVideo, 1116000);
    EXPECT_EQ(out.seq, 103);
    EXPECT_EQ(out.timestamp, 12000u + 4500 + 3000);
}

TEST(SdkRtpRewriter, ReorderingAndRetransmissionsMapConsistently) {
    RtpRewriter r;
    r.rewrite(kA, 10, 100, kVideo, 0);
    r.switchSource();
    auto first = r.rewrite(kB, 500, 9000, kVideo, 20000); // seq 11
    auto third = r.rewrite(kB, 502, 9000, kVideo, 20000);
    auto second = r.rewrite(kB, 501, 9000, kVideo, 20000); // late
    auto again = r.rewrite(kB, 500, 9000, kVideo, 30000);  // retransmitted
    EXPECT_EQ(first.seq, 11);
    EXPECT_EQ(second.seq, 12);
    EXPECT_EQ(third.seq, 13);
    EXPECT_EQ(again.seq, first.seq);
    EXPECT_EQ(again.timestamp, first.timestamp);
    EXPECT_EQ(r.rewrite(kB, 503, 12000, kVideo, 40000).seq, 14); // the late packet did not move "newest"
}

TEST(SdkRtpRewriter, SequenceNumbersAndTimestampsWrap) {
    RtpRewriter r;
    r.rewrite(kA, 65534, 0xFFFFFF00u, kVideo, 0);
    r.switchSource();
    auto out = r.rewrite(kA, 20, 5, kVideo, 1000000); // one second later
    EXPECT_EQ(out.seq, 65535);
    EXPECT_EQ(out.timestamp, 0xFFFFFF00u + 90000);
    out = r.rewrite(kA, 21, 5 + 3000, kVideo, 1033000);
    EXPECT_EQ(out.seq, 0);
    EXPECT_EQ(out.timestamp, uint32_t(0xFFFFFF00u + 93000));
    // Input wrapping inside a source.
    RtpRewriter w;
    w.rewrite(kA, 65535, 0xFFFFFFFFu, kVideo, 0);
    out = w.rewrite(kA, 0, 2999, kVideo, 0);
    EXPECT_EQ(out.seq, 0);
    EXPECT_EQ(out.timestamp, 2999u);
}

TEST(SdkRtpRewriter, SwitchingTwiceAndBackToTheSameSsrc) {
    RtpRewriter r;
    r.rewrite(kA, 1, 1000, 48000, 0);
    auto b = r.rewrite(kB, 900, 50, 48000, 20000);
    EXPECT_EQ(b.seq, 2);
    EXPECT_EQ(b.timestamp, 1000u + 960); // 20 ms at 48 kHz
    auto a = r.rewrite(kA, 2, 1960, 48000, 40000); // back to A: a new source again
    EXPECT_EQ(a.seq, 3);
    EXPECT_EQ(a.timestamp, 1000u + 960 + 960);
    r.switchSource(); // same SSRC, e.g. a publisher that reconnected with new numbering
    auto again = r.rewrite(kA, 30000, 1, 48000, 60000);
    EXPECT_EQ(again.seq, 4);
    EXPECT_EQ(again.timestamp, 1000u + 3 * 960);
}

TEST(SdkRtpRewriter, TimestampAdvancesAtLeastOneTick) {
    RtpRewriter r;
    r.rewrite(kA, 1, 1000, kVideo, 500);
    EXPECT_EQ(r.rewrite(kB, 1, 1000, kVideo, 500).timestamp, 1001u);
    EXPECT_EQ(r.rewrite(kA, 1, 1000, kVideo, 400).timestamp, 1002u); // a clock that went back
}

TEST(SdkRtpRewriter, DropClosesTheGap) {
    RtpRewriter r;
    EXPECT_EQ(r.rewrite(kA, 1, 0, kVideo, 0).seq, 1);
    EXPECT_EQ(r.rewrite(kA, 2, 0, kVideo, 0).seq, 2);
    r.drop(3);
    r.drop(4);
    EXPECT_EQ(r.rewrite(kA, 5, 3000, kVideo, 0).seq, 3);
    r.drop(6);
    EXPECT_EQ(r.rewrite(kA, 7, 6000, kVideo, 0).seq, 4);
}

TEST(SdkRtpRewriter, LatePacketsAfterADropKeepTheirPlace) {
    RtpRewriter r;
    r.rewrite(kA, 10, 0, kVideo, 0); // 10
    // 11 is late, 12 dropped, 13 forwarded: 13 closes 12's gap but not 11's.
    r.drop(12);
    EXPECT_EQ(r.rewrite(kA, 13, 0, kVideo, 0).seq, 12);
    EXPECT_EQ(r.rewrite(kA, 11, 0, kVideo, 0).seq, 11);
    EXPECT_EQ(r.rewrite(kA, 13, 0, kVideo, 0).seq, 12); // retransmission of 13
    r.drop(11); // already forwarded: a drop of an old packet changes nothing
    EXPECT_EQ(r.rewrite(kA, 14, 0, kVideo, 0).seq, 13);
}

TEST(SdkRtpRewriter, DropsAcrossTheWrap) {
    RtpRewriter r;
    r.rewrite(kA, 65534, 0, kVideo, 0);
    r.drop(65535);
    r.drop(0);
    EXPECT_EQ(r.rewrite(kA, 1, 0, kVideo, 0).seq, 65535);
    EXPECT_EQ(r.rewrite(kA, 2, 0, kVideo, 0).seq, 0);
}

TEST(SdkRtpRewriter, DropsOutsideACurrentSourceAreIgnored) {
    RtpRewriter r;
    r.drop(5); // nothing started
    EXPECT_EQ(r.rewrite(kA, 6, 0, kVideo, 0).seq, 6);
    r.switchSource();
    r.drop(100); // the next source has not had a packet yet
    EXPECT_EQ(r.rewrite(kB, 101, 0, kVideo, 0).seq, 7);
}

TEST(SdkRtpRewriter, SwitchAfterADropContinuesAfterTheNewestForwarded) {
    RtpRewriter r;
    r.rewrite(kA, 1, 3000, kVideo, 0);
    r.drop(2);
    auto out = r.rewrite(kB, 50, 0, kVideo, 33000);
    EXPECT_EQ(out.seq, 2);
    EXPECT_EQ(out.timestamp, 3000u + 2970);
}
