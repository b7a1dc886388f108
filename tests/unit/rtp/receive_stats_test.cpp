#include "rtp/receive_stats.hpp"

#include "rtp/ntp_time.hpp"

#include <gtest/gtest.h>

#include <initializer_list>

using portunus::rtp::ReceiveStats;
namespace rtp = portunus::rtp;

namespace {
// Feeds seqs 20 ms apart (90 kHz, 1800 ticks per packet, constant transit).
void feed(ReceiveStats &s, std::initializer_list<int> seqs) {
    for (int seq : seqs) s.onPacket(static_cast<uint16_t>(seq), uint32_t(seq) * 1800u, int64_t(seq) * 20000 + 1000000, 100);
}
} // namespace

TEST(ReceiveStats, ProbationNeedsTwoInSequence) {
    ReceiveStats s(1, 90000);
    EXPECT_FALSE(s.onPacket(10, 0, 0, 100));
    EXPECT_FALSE(s.valid());
    EXPECT_FALSE(s.onPacket(20, 0, 0, 100)) << "not in sequence: probation restarts";
    EXPECT_TRUE(s.onPacket(21, 0, 0, 100));
    EXPECT_TRUE(s.valid());
    EXPECT_EQ(s.received(), 1u);
    EXPECT_EQ(s.expected(), 1u);
    EXPECT_EQ(s.packets(), 3u);
    EXPECT_EQ(s.bytes(), 300u);

    ReceiveStats quick(1, 90000, 1);
    EXPECT_TRUE(quick.onPacket(10, 0, 0, 100));
    EXPECT_EQ(quick.expected(), 1u);
}

TEST(ReceiveStats, LossAndFractionPerInterval) {
    ReceiveStats s(0xAB, 90000, 1);
    for (int seq = 0; seq < 100; ++seq)
        if (seq % 10 != 5) feed(s, {seq}); // 10 of 100 lost
    EXPECT_EQ(s.expected(), 100u);
    EXPECT_EQ(s.received(), 90u);
    EXPECT_EQ(s.lost(), 10);
    auto b = s.reportBlock(0);
    EXPECT_EQ(b.ssrc, 0xABu);
    EXPECT_EQ(b.fraction_lost, (10 << 8) / 100);
    EXPECT_EQ(b.cumulative_lost, 10);
    EXPECT_EQ(b.extended_highest_seq, 99u);
    for (int seq = 100; seq < 150; ++seq) feed(s, {seq});
    b = s.reportBlock(0);
    EXPECT_EQ(b.fraction_lost, 0) << "no loss in the second interval";
    EXPECT_EQ(b.cumulative_lost, 10);
    feed(s, {160});
    b = s.reportBlock(0);
    EXPECT_EQ(b.fraction_lost, 232) << "10 of 11 lost";
}

TEST(ReceiveStats, ReorderingAndDuplicates) {
    ReceiveStats s(1, 90000, 1);
    feed(s, {1, 2, 4, 3, 5});
    EXPECT_EQ(s.lost(), 0);
    EXPECT_EQ(s.extendedHighestSeq(), 5u);
    feed(s, {5, 6});
    EXPECT_EQ(s.received(), 7u);
    EXPECT_EQ(s.expected(), 6u);
    EXPECT_EQ(s.lost(), -1) << "a duplicate counts as received (RFC 3550 A.3)";
    auto b = s.reportBlock(0);
    EXPECT_EQ(b.cumulative_lost, -1);
    EXPECT_EQ(b.fraction_lost, 0);
}

TEST(ReceiveStats, SequenceWrap) {
    ReceiveStats s(1, 90000, 1);
    for (int i = 0; i < 12; ++i) feed(s, {(65530 + i) & 0xFFFF});
    EXPECT_EQ(s.extendedHighestSeq(), 65536u + 5);
    EXPECT_EQ(s.expected(), 12u);
    EXPECT_EQ(s.lost(), 0);
    feed(s, {65535}); // late straggler from before the wrap: no new cycle
    EXPECT_EQ(s.extendedHighestSeq(), 65536u + 5);
    EXPECT_EQ(s.received(), 13u);
}

TEST(ReceiveStats, LargeJumpResyncsOnlyWhenConfirmed) {
    ReceiveStats s(1, 90000, 1);
    feed(s, {100, 101});
    EXPECT_FALSE(s.onPacket(10000, 0, 0, 1)) << "jump beyond MAX_DROPOUT";
    EXPECT_EQ(s.extendedHighestSeq(), 101u);
    EXPECT_TRUE(s.onPacket(102, 0, 0, 1)) << "the old sequence goes on";
    EXPECT_FALSE(s.onPacket(20000, 0, 0, 1));
    EXPECT_TRUE(s.onPacket(20001, 0, 0, 1)) << "confirmed: the source restarted";
    EXPECT_EQ(s.extendedHighestSeq(), 20001u);
    EXPECT_EQ(s.received(), 1u);
    EXPECT_EQ(s.expected(), 1u);
}

TEST(ReceiveStats, JitterOfASyntheticArrivalPattern) {
    // 90 kHz video, one packet per 20 ms (1800 ticks). Constant transit: no jitter.
    ReceiveStats steady(1, 90000, 1);
    for (int i = 0; i < 200; ++i) steady.onPacket(uint16_t(i), 1800u * i, 1000000 + 20000 * i, 1000);
    EXPECT_EQ(steady.jitter(), 0u);

    // Every other packet 5 ms late: |D| = 450 ticks for every packet after the
    // first, so J converges to 450 (J_n = 450 (1 - (15/16)^(n-1))).
    ReceiveStats s(1, 90000, 1);
    for (int i = 0; i < 200; ++i) s.onPacket(uint16_t(i), 1800u * i, 1000000 + 20000 * i + (i % 2) * 5000, 1000);
    EXPECT_GE(s.jitter(), 440u);
    EXPECT_LE(s.jitter(), 450u);
    EXPECT_NEAR(s.jitterUs(), 5000u, 120u);
    ReceiveStats few(1, 90000, 1);
    for (int i = 0; i < 3; ++i) few.onPacket(uint16_t(i), 1800u * i, 1000000 + 20000 * i + (i % 2) * 5000, 1000);
    // J1 = 450/16 = 28.1, J2 = 28.1 + (450 - 28.1)/16 = 54.5
    EXPECT_EQ(few.jitter(), 54u);

    // A reordered packet (3, arriving after 4) does not add jitter of its own.
    ReceiveStats r(1, 90000, 1);
    for (int i : {0, 1, 2, 4, 3, 5, 6})
        r.onPacket(uint16_t(i), 1800u * i, i == 3 ? 1000000 + 20000 * 4 + 1000 : 1000000 + 20000 * i, 1000);
    EXPECT_EQ(r.jitter(), 0u);
    EXPECT_EQ(r.lost(), 0);

    // 48 kHz audio: a 1 ms excess is 48 ticks.
    ReceiveStats audio(1, 48000, 1);
    audio.onPacket(0, 0, 0, 100);
    audio.onPacket(1, 960, 21000, 100);
    EXPECT_EQ(audio.jitter(), 3u); // 48 / 16
}

TEST(ReceiveStats, LastSrAndDelaySinceLastSr) {
    ReceiveStats s(1, 90000, 1);
    feed(s, {1});
    EXPECT_EQ(s.reportBlock(5000000).last_sr, 0u);
    s.onSenderReport(0x12345678, 1000000);
    auto b = s.reportBlock(1500000);
    EXPECT_EQ(b.last_sr, 0x12345678u);
    EXPECT_EQ(b.delay_since_last_sr, 32768u); // 0.5 s in 1/65536 s
}

TEST(NtpTime, CompactTimesAndRtt) {
    auto ntp = rtp::ntpFromUnixUs(1500000);
    EXPECT_EQ(ntp.seconds, 2208988801u);
    EXPECT_EQ(ntp.fraction, 0x80000000u);
    EXPECT_EQ(rtp::compactNtp(ntp), ((2208988801u & 0xFFFF) << 16) | 0x8000);
    // We sent an SR at T (LSR); the peer held it 0.25 s (DLSR); its RR came back at T + 0.35 s.
    uint32_t lsr = rtp::compactNtp(rtp::ntpFromUnixUs(1700000000000000));
    uint32_t now = rtp::compactNtp(rtp::ntpFromUnixUs(1700000000350000));
    auto rtt = rtp::rttUs(now, lsr, rtp::usToCompactNtp(250000));
    ASSERT_TRUE(rtt);
    EXPECT_NEAR(double(*rtt), 100000.0, 100.0);
    EXPECT_FALSE(rtp::rttUs(now, 0, 0)) << "no SR echoed yet";
    EXPECT_FALSE(rtp::rttUs(lsr, now, 0)) << "negative";
}
