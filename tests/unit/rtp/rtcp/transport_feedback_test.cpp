#include "rtp/rtcp/compound.hpp"
#include "rtp/rtcp/transport_feedback.hpp"
#include "rtp/rtcp/transport_feedback_builder.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <vector>

using namespace portunus::rtp::rtcp;
using Bytes = std::vector<uint8_t>;

namespace {
PacketView view(std::span<const uint8_t> b) {
    CompoundReader r(b);
    PacketView v;
    EXPECT_TRUE(r.next(v));
    return v;
}
std::vector<TccPacketStatus> statuses(const TransportFeedback &fb) {
    std::vector<TccPacketStatus> out;
    auto r = fb.reader();
    TccPacketStatus s;
    while (r.next(s)) out.push_back(s);
    return out;
}
} // namespace

TEST(TransportFeedback, EncodesAHandComputedPacket) {
    TransportFeedbackBuilder b;
    // Reference time floor(1 s / 64 ms) = 15 (0.96 s). Deltas in 250 µs ticks:
    // 100 at 1.000 s → 160 (small); 101 lost; 102 at 1.0005 s → 2 (small);
    // 103 at 1.1 s → 398 (large). Symbols 1,0,1,2 fit one two-bit vector
    // chunk: 11 01 00 01 10 00 00 00 = 0xD180.
    b.onPacket(100, 1000000);
    b.onPacket(102, 1000500);
    b.onPacket(103, 1100000);
    uint8_t buf[100];
    size_t n = b.write(buf, 1, 2);
    EXPECT_EQ(Bytes(buf, buf + n), (Bytes{0x8F, 0xCD, 0x00, 0x06, 0, 0, 0, 1, 0, 0, 0, 2,  // header, SSRCs
                                          0x00, 0x64, 0x00, 0x04, 0x00, 0x00, 0x0F, 0x00, // base 100, 4, ref 15, fb 0
                                          0xD1, 0x80, 0xA0, 0x02, 0x01, 0x8E, 0x00, 0x00}));
    EXPECT_FALSE(b.hasPending());
    EXPECT_EQ(b.write(buf, 1, 2), 0u);

    auto fb = TransportFeedback::parse(view(std::span(buf, n)));
    ASSERT_TRUE(fb);
    EXPECT_EQ(fb->baseSequence(), 100);
    EXPECT_EQ(fb->statusCount(), 4);
    EXPECT_EQ(fb->referenceTime(), 15);
    EXPECT_EQ(fb->referenceTimeUs(), 960000);
    EXPECT_EQ(fb->feedbackCount(), 0);
    EXPECT_EQ(fb->receivedCount(), 3u);
    auto st = statuses(*fb);
    ASSERT_EQ(st.size(), 4u);
    EXPECT_TRUE(st[0].received);
    EXPECT_EQ(st[0].delta, 160);
    EXPECT_FALSE(st[1].received);
    EXPECT_EQ(st[2].delta, 2);
    EXPECT_EQ(st[3].seq, 103);
    EXPECT_EQ(st[3].delta, 398);
}

TEST(TransportFeedback, RunLengthAndOneBitChunks) {
    TransportFeedbackBuilder b;
    for (uint16_t s = 0; s < 20; ++s) b.onPacket(s, 640000 + s * 1000); // ref 10, deltas 0,4,4,...
    uint8_t buf[100];
    size_t n = b.write(buf, 1, 2);
    ASSERT_EQ(n, 44u);
    EXPECT_EQ(buf[19], 0) << "first feedback count";
    EXPECT_EQ(Bytes(buf + 20, buf + 24), (Bytes{0x20, 0x14, 0x00, 0x04})); // run of 20 "small delta"

    // 14 statuses, the second lost: one one-bit vector 1 0 1 1 1 1 1 1 1 1 1 1 1 1.
    for (uint16_t s = 20; s < 34; ++s)
        if (s != 21) b.onPacket(s, 700000 + s * 1000);
    n = b.write(buf, 1, 2);
    ASSERT_GT(n, 0u);
    EXPECT_EQ(buf[19], 1) << "feedback count increments";
    EXPECT_EQ(Bytes(buf + 12, buf + 16), (Bytes{0x00, 20, 0x00, 14}));
    EXPECT_EQ(Bytes(buf + 20, buf + 22), (Bytes{0xAF, 0xFF}));
}

TEST(TransportFeedback, ParsesTheDraftsRunLengthExample) {
    // draft §3.1.3 example: 0 00 0000011011101 = a run of 221 "not received";
    // then a run of 1 "small delta" and its delta.
    Bytes b = {0x8F, 0xCD, 0x00, 0x06, 0, 0, 0, 1, 0, 0, 0, 2, 0x00, 0x00, 0x00, 222, 0x00, 0x00, 0x01, 0x07,
               0x00, 0xDD, 0x20, 0x01, 0x05, 0x00, 0x00, 0x00};
    auto fb = TransportFeedback::parse(view(b));
    ASSERT_TRUE(fb);
    EXPECT_EQ(fb->referenceTime(), 1);
    EXPECT_EQ(fb->feedbackCount(), 7);
    EXPECT_EQ(fb->receivedCount(), 1u);
    auto st = statuses(*fb);
    ASSERT_EQ(st.size(), 222u);
    EXPECT_TRUE(std::none_of(st.begin(), st.begin() + 221, [](auto &s) { return s.received; }));
    EXPECT_TRUE(st[221].received);
    EXPECT_EQ(st[221].delta, 5);
}

TEST(TransportFeedback, NegativeReferenceTime) {
    Bytes b = {0x8F, 0xCD, 0x00, 0x05, 0, 0, 0, 1, 0, 0, 0, 2, 0x00, 0x00, 0x00, 1, 0xFF, 0xFF, 0xFE, 0x00,
               0x20, 0x01, 0x05, 0x00};
    EXPECT_EQ(TransportFeedback::parse(view(b))->referenceTime(), -2);
}

TEST(TransportFeedback, RejectsMalformedFeedback) {
    auto packet = [](Bytes fci) {
        Bytes b = {0x8F, 0xCD, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2};
        for (uint8_t x : fci) b.push_back(x); // (vector::insert trips GCC 12's -Warray-bounds here)
        while (b.size() % 4) b.push_back(0);
        b[3] = static_cast<uint8_t>(b.size() / 4 - 1);
        return b;
    };
    EXPECT_TRUE(TransportFeedback::parse(view(packet({0, 0, 0, 1, 0, 0, 0, 0, 0x20, 0x01, 0x05}))));
    EXPECT_FALSE(TransportFeedback::parse(view(packet({0, 0, 0, 0, 0, 0, 0, 0, 0x20, 0x01, 0x05}))))
        << "status count 0";
    EXPECT_FALSE(TransportFeedback::parse(view(packet({0, 0, 0, 100, 0, 0, 0, 0, 0x00, 0x14}))))
        << "chunks cover 20 of 100";
    EXPECT_FALSE(TransportFeedback::parse(view(packet({0, 0, 0, 5, 0, 0, 0, 0, 0x60, 0x05}))))
        << "reserved symbol in a run";
    EXPECT_FALSE(TransportFeedback::parse(view(packet({0, 0, 0, 1, 0, 0, 0, 0, 0xF0, 0x00}))))
        << "reserved symbol in a two-bit vector";
    EXPECT_TRUE(TransportFeedback::parse(view(packet({0, 0, 0, 1, 0, 0, 0, 0, 0xC0, 0x3F, 0})))) // 0 then 3,3,3 past the count
        << "symbols past the status count are ignored";
    EXPECT_FALSE(TransportFeedback::parse(view(packet({0, 0, 0, 5, 0, 0, 0, 0, 0x20, 0x05, 1, 2}))))
        << "5 deltas announced, fewer present";
    EXPECT_FALSE(TransportFeedback::parse(view(packet({0, 0, 0, 1, 0, 0, 0}))));
    Bytes wrong_fmt = packet({0, 0, 0, 1, 0, 0, 0, 0, 0x20, 0x01, 0x05});
    wrong_fmt[0] = 0x81;
    EXPECT_FALSE(TransportFeedback::parse(view(wrong_fmt)));
}

TEST(TransportFeedback, RoundTripsLossReorderingAndLargeDeltas) {
    std::mt19937 rng(7);
    struct Arrival {
        uint16_t seq;
        int64_t us;
    };
    std::vector<Arrival> arrivals;
    int64_t t = 5000000;
    for (int i = 0; i < 3000; ++i) {
        uint16_t seq = static_cast<uint16_t>(65000 + i); // wraps
        t += (rng() % 50 == 0) ? 80000 + rng() % 100000 : rng() % 3000; // now and then a gap > 64 ms
        if (rng() % 10 == 0) continue;                                   // lost
        arrivals.push_back({seq, t});
    }
    // Reordered: every 13th pair swaps sequence numbers, so the lower one arrives later (a negative delta).
    for (size_t i = 0; i + 1 < arrivals.size(); i += 13) std::swap(arrivals[i].seq, arrivals[i + 1].seq);

    TransportFeedbackBuilder b;
    std::map<uint16_t, int64_t> expected; // seq → arrival tick (first arrival)
    std::vector<TccPacketStatus> reported;
    std::vector<int64_t> reported_ticks;
    uint8_t buf[1200];
    size_t writes = 0, negative = 0, large = 0;
    for (size_t i = 0; i < arrivals.size(); ++i) {
        if (b.onPacket(arrivals[i].seq, arrivals[i].us)) expected.emplace(arrivals[i].seq, arrivals[i].us / 250);
        b.onPacket(arrivals[i].seq, arrivals[i].us + 777); // a duplicate keeps the first arrival
        if (i % 100 == 99 || i + 1 == arrivals.size()) {
            while (b.hasPending()) {
                size_t n = b.write(buf, 1, 2);
                ASSERT_GT(n, 0u);
                ++writes;
                auto fb = TransportFeedback::parse(view(std::span(buf, n)));
                ASSERT_TRUE(fb);
                EXPECT_EQ(fb->feedbackCount(), static_cast<uint8_t>(writes - 1));
                int64_t ticks = fb->referenceTimeUs() / 250;
                auto r = fb->reader();
                TccPacketStatus s;
                while (r.next(s)) {
                    if (s.received) ticks += s.delta;
                    negative += s.received && s.delta < 0;
                    large += s.received && s.delta > 255;
                    reported.push_back(s);
                    reported_ticks.push_back(s.received ? ticks : -1);
                }
            }
        }
    }
    // Every seq from the first to the last is reported exactly once, in order,
    // with its arrival time to the 250 µs tick.
    ASSERT_FALSE(reported.empty());
    EXPECT_EQ(reported.front().seq, arrivals.front().seq);
    size_t received = 0;
    for (size_t i = 0; i < reported.size(); ++i) {
        if (i) {
            EXPECT_EQ(reported[i].seq, static_cast<uint16_t>(reported[i - 1].seq + 1));
        }
        auto it = expected.find(reported[i].seq);
        if (reported[i].received) {
            ++received;
            ASSERT_NE(it, expected.end()) << reported[i].seq;
            EXPECT_EQ(reported_ticks[i], it->second) << reported[i].seq;
        } else {
            EXPECT_EQ(it, expected.end()) << reported[i].seq;
        }
    }
    EXPECT_EQ(received, expected.size());
    EXPECT_GE(writes, 27u);
    EXPECT_GT(negative, 50u);
    EXPECT_GT(large, 20u);
}

TEST(TransportFeedback, SplitsWhenADeltaDoesNotFitSixteenBits) {
    TransportFeedbackBuilder b;
    b.onPacket(1, 0);
    b.onPacket(2, 10000000); // 10 s later: 40000 ticks > 32767
    uint8_t buf[100];
    size_t n = b.write(buf, 1, 2);
    auto first = TransportFeedback::parse(view(std::span(buf, n)));
    ASSERT_TRUE(first);
    EXPECT_EQ(first->statusCount(), 1);
    ASSERT_TRUE(b.hasPending());
    n = b.write(buf, 1, 2);
    auto second = TransportFeedback::parse(view(std::span(buf, n)));
    ASSERT_TRUE(second);
    EXPECT_EQ(second->baseSequence(), 2);
    EXPECT_EQ(second->referenceTimeUs(), 9984000); // floor(10 s / 64 ms) × 64 ms
}

TEST(TransportFeedback, SplitsToFitTheBuffer) {
    TransportFeedbackBuilder b;
    for (uint16_t s = 0; s < 300; ++s) b.onPacket(s, 1000000 + s * 100000); // every delta large
    uint8_t buf[64];
    EXPECT_EQ(b.write(std::span(buf, 20), 1, 2), 0u) << "not even the fixed part fits";
    size_t total = 0, packets = 0;
    uint16_t next = 0;
    while (b.hasPending()) {
        size_t n = b.write(buf, 1, 2);
        ASSERT_GT(n, 0u);
        ASSERT_LE(n, sizeof(buf));
        auto fb = TransportFeedback::parse(view(std::span(buf, n)));
        ASSERT_TRUE(fb);
        EXPECT_EQ(fb->baseSequence(), next);
        next = static_cast<uint16_t>(next + fb->statusCount());
        total += fb->statusCount();
        ++packets;
    }
    EXPECT_EQ(total, 300u);
    EXPECT_GT(packets, 10u);
}

TEST(TransportFeedback, WindowOverflowAndLatePackets) {
    TransportFeedbackBuilder b;
    EXPECT_TRUE(b.onPacket(0, 1000));
    EXPECT_TRUE(b.onPacket(2000, 2000)); // more than the window ahead: the oldest statuses are given up
    uint8_t buf[1500];
    size_t n = b.write(buf, 1, 2);
    auto fb = TransportFeedback::parse(view(std::span(buf, n)));
    ASSERT_TRUE(fb);
    EXPECT_EQ(fb->baseSequence(), 2000 - TransportFeedbackBuilder::kWindow + 1);
    EXPECT_EQ(fb->statusCount(), TransportFeedbackBuilder::kWindow);
    EXPECT_EQ(fb->receivedCount(), 1u);
    EXPECT_FALSE(b.onPacket(1999, 3000)) << "already reported as lost";
    EXPECT_TRUE(b.onPacket(2001, 3000));
}
