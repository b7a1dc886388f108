#include "rtp/rtcp/compound.hpp"
#include "rtp/rtcp/fir.hpp"
#include "rtp/rtcp/generic_nack.hpp"
#include "rtp/rtcp/pli.hpp"
#include "rtp/rtcp/remb.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace portunus::rtp::rtcp;
using Bytes = std::vector<uint8_t>;
using Seqs = std::vector<uint16_t>;

namespace {
PacketView view(std::span<const uint8_t> b) {
    CompoundReader r(b);
    PacketView v;
    EXPECT_TRUE(r.next(v));
    return v;
}
Seqs expand(const GenericNack &nack) {
    Seqs out;
    nack.forEachLost([&](uint16_t s) { out.push_back(s); });
    return out;
}
} // namespace

TEST(GenericNack, PacksSeqsIntoPidAndBlp) {
    NackItem items[4];
    // 101, 103 and 116 are within the 16 after 100: one item.
    Seqs one = {100, 101, 103, 116};
    ASSERT_EQ(packNackItems(one, items), 1u);
    EXPECT_EQ(items[0].pid, 100);
    EXPECT_EQ(items[0].blp, 0x8005); // bits 0 (101), 2 (103), 15 (116)
    // 117 is 17 after 100: it starts a second item.
    Seqs two = {100, 101, 103, 117};
    ASSERT_EQ(packNackItems(two, items), 2u);
    EXPECT_EQ(items[0].pid, 100);
    EXPECT_EQ(items[0].blp, 0x0005);
    EXPECT_EQ(items[1].pid, 117);
    EXPECT_EQ(items[1].blp, 0);
    // Repeats collapse; the count is reported even when `out` is short.
    Seqs many = {1, 1, 20, 40, 60, 80};
    EXPECT_EQ(packNackItems(many, std::span(items, 2)), 5u);
    EXPECT_EQ(items[1].pid, 20);
}

TEST(GenericNack, WrapsAround65535) {
    Seqs seqs = {65534, 65535, 0, 2};
    uint8_t buf[64];
    size_t n = writeGenericNack(buf, 0x1111, 0x2222, seqs);
    ASSERT_EQ(n, 16u);
    EXPECT_EQ(Bytes(buf, buf + n), (Bytes{0x81, 0xCD, 0x00, 0x03, 0x00, 0x00, 0x11, 0x11, 0x00, 0x00, 0x22, 0x22,
                                          0xFF, 0xFE, 0x00, 0x0B}));
    auto nack = GenericNack::parse(view(std::span(buf, n)));
    ASSERT_TRUE(nack);
    EXPECT_EQ(nack->senderSsrc(), 0x1111u);
    EXPECT_EQ(nack->mediaSsrc(), 0x2222u);
    EXPECT_EQ(expand(*nack), seqs);
}

TEST(GenericNack, RoundTripsALongList) {
    Seqs seqs;
    for (int i = 0; i < 200; ++i) seqs.push_back(static_cast<uint16_t>(65000 + 7 * i)); // wraps
    uint8_t buf[1200];
    size_t n = writeGenericNack(buf, 1, 2, seqs);
    ASSERT_GT(n, 0u);
    auto nack = GenericNack::parse(view(std::span(buf, n)));
    ASSERT_TRUE(nack);
    EXPECT_EQ(expand(*nack), seqs);
    EXPECT_EQ(writeGenericNack(std::span(buf, 40), 1, 2, seqs), 0u) << "does not fit";
    EXPECT_EQ(writeGenericNack(buf, 1, 2, {}), 0u);
}

TEST(GenericNack, RejectsBadFci) {
    Bytes no_fci = {0x81, 0xCD, 0x00, 0x02, 0, 0, 0, 1, 0, 0, 0, 2};
    EXPECT_FALSE(GenericNack::parse(view(no_fci)));
    Bytes odd = {0x81, 0xCD, 0x00, 0x03, 0, 0, 0, 1, 0, 0, 0, 2, 0, 1, 0, 0};
    EXPECT_TRUE(GenericNack::parse(view(odd)));
    odd[0] = 0x82; // FMT 2 is not a generic NACK
    EXPECT_FALSE(GenericNack::parse(view(odd)));
    Bytes short_fb = {0x81, 0xCD, 0x00, 0x01, 0, 0, 0, 1};
    EXPECT_FALSE(GenericNack::parse(view(short_fb)));
}

TEST(Pli, HandBytesAndRoundTrip) {
    uint8_t buf[12];
    ASSERT_EQ(writePli(buf, 0x01020304, 0x05060708), 12u);
    EXPECT_EQ(Bytes(buf, buf + 12), (Bytes{0x81, 0xCE, 0x00, 0x02, 1, 2, 3, 4, 5, 6, 7, 8}));
    auto pli = Pli::parse(view(buf));
    ASSERT_TRUE(pli);
    EXPECT_EQ(pli->senderSsrc(), 0x01020304u);
    EXPECT_EQ(pli->mediaSsrc(), 0x05060708u);
    EXPECT_EQ(writePli(std::span(buf, 11), 1, 2), 0u);
    buf[1] = 0xCD; // RTPFB
    EXPECT_FALSE(Pli::parse(view(buf)));
}

TEST(Fir, HandBytesAndRoundTrip) {
    uint8_t buf[20];
    ASSERT_EQ(writeFir(buf, 0x01020304, 0x0A0B0C0D, 7), 20u);
    EXPECT_EQ(Bytes(buf, buf + 20), (Bytes{0x84, 0xCE, 0x00, 0x04, 1, 2, 3, 4, 0, 0, 0, 0, 0x0A, 0x0B, 0x0C, 0x0D,
                                          7, 0, 0, 0}));
    auto fir = Fir::parse(view(buf));
    ASSERT_TRUE(fir);
    ASSERT_EQ(fir->entryCount(), 1u);
    EXPECT_EQ(fir->entry(0).ssrc, 0x0A0B0C0Du);
    EXPECT_EQ(fir->entry(0).seq_nr, 7);
    Bytes no_entry = {0x84, 0xCE, 0x00, 0x02, 1, 2, 3, 4, 0, 0, 0, 0};
    EXPECT_FALSE(Fir::parse(view(no_entry)));
    Bytes half = {0x84, 0xCE, 0x00, 0x03, 1, 2, 3, 4, 0, 0, 0, 0, 1, 2, 3, 4};
    EXPECT_FALSE(Fir::parse(view(half)));
}

TEST(Remb, HandBytesAndRoundTrip) {
    uint8_t buf[32];
    uint32_t ssrcs[] = {0x11223344};
    // 1 Mbit/s = 250000 << 2.
    ASSERT_EQ(writeRemb(buf, 0x01020304, 1000000, ssrcs), 24u);
    EXPECT_EQ(Bytes(buf, buf + 24), (Bytes{0x8F, 0xCE, 0x00, 0x05, 1, 2, 3, 4, 0, 0, 0, 0, 'R', 'E', 'M', 'B',
                                          0x01, 0x0B, 0xD0, 0x90, 0x11, 0x22, 0x33, 0x44}));
    auto remb = Remb::parse(view(std::span(buf, 24)));
    ASSERT_TRUE(remb);
    EXPECT_EQ(remb->bitrate(), 1000000u);
    ASSERT_EQ(remb->ssrcCount(), 1u);
    EXPECT_EQ(remb->ssrc(0), 0x11223344u);

    // Rounded down to what 18 bits of mantissa hold.
    ASSERT_GT(writeRemb(buf, 1, 0x3FFFF * 2 + 1, ssrcs), 0u);
    EXPECT_EQ(Remb::parse(view(buf))->bitrate(), 0x3FFFFu * 2);
    ASSERT_GT(writeRemb(buf, 1, UINT64_MAX, {}), 0u);
    EXPECT_LE(Remb::parse(view(buf))->bitrate(), UINT64_MAX);
    EXPECT_EQ(writeRemb(std::span(buf, 23), 1, 1, ssrcs), 0u);
}

TEST(Remb, RejectsBadFci) {
    Bytes b = {0x8F, 0xCE, 0x00, 0x05, 1, 2, 3, 4, 0, 0, 0, 0, 'R', 'E', 'M', 'B', 0x02, 0x0B, 0xD0, 0x90, 1, 2, 3, 4};
    EXPECT_FALSE(Remb::parse(view(b))) << "2 SSRCs announced, 1 present";
    b[16] = 1;
    b[15] = 'X';
    EXPECT_FALSE(Remb::parse(view(b))) << "not REMB";
    b[15] = 'B';
    b[17] = 0xFF; // exponent 63 with a large mantissa overflows 64 bits
    EXPECT_FALSE(Remb::parse(view(b)));
}
