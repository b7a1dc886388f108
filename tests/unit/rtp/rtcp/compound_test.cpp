#include "rtp/rtcp/bye.hpp"
#include "rtp/rtcp/compound.hpp"
#include "rtp/rtcp/compound_builder.hpp"
#include "rtp/rtcp/generic_nack.hpp"
#include "rtp/rtcp/pli.hpp"
#include "rtp/rtcp/receiver_report.hpp"
#include "rtp/rtcp/sdes.hpp"
#include "rtp/rtcp/sender_report.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace portunus::rtp::rtcp;
using Bytes = std::vector<uint8_t>;

namespace {
// SR (1 report block) + SDES CNAME "abcd" + BYE with 4 bytes of RTCP padding, by hand.
const Bytes kCompound = {
    0x81, 0xC8, 0x00, 0x0C,                         // SR, RC 1, 13 words
    0x01, 0x02, 0x03, 0x04,                         // sender SSRC
    0xDD, 0xCC, 0xBB, 0xAA, 0x11, 0x22, 0x33, 0x44, // NTP
    0x00, 0x00, 0x10, 0x00,                         // RTP timestamp
    0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x04, 0x00, // packets, octets
    0xAA, 0xBB, 0xCC, 0xDD, 0x40, 0xFF, 0xFF, 0xFE, // block: SSRC, fraction 0x40, cumulative -2
    0x00, 0x01, 0x00, 0x05, 0x00, 0x00, 0x00, 0x20, // ext highest seq, jitter
    0x11, 0x11, 0x22, 0x22, 0x00, 0x00, 0x80, 0x00, // LSR, DLSR
    0x81, 0xCA, 0x00, 0x03,                         // SDES, 1 chunk
    0x01, 0x02, 0x03, 0x04, 0x01, 0x04, 'a', 'b', 'c', 'd', 0x00, 0x00,
    0xA1, 0xCB, 0x00, 0x02,                         // BYE, P set, SC 1
    0x01, 0x02, 0x03, 0x04, 0x00, 0x00, 0x00, 0x04, // SSRC, padding
};

std::vector<PacketView> all(std::span<const uint8_t> b, bool *error = nullptr) {
    std::vector<PacketView> out;
    CompoundReader r(b);
    PacketView v;
    while (r.next(v)) out.push_back(v);
    if (error) *error = r.error();
    return out;
}
} // namespace

TEST(RtcpCompound, IteratesAHandWrittenCompound) {
    bool error = true;
    auto packets = all(kCompound, &error);
    EXPECT_FALSE(error);
    ASSERT_EQ(packets.size(), 3u);
    EXPECT_TRUE(CompoundReader::validate(kCompound));

    auto sr = SenderReport::parse(packets[0]);
    ASSERT_TRUE(sr);
    EXPECT_EQ(sr->ssrc(), 0x01020304u);
    EXPECT_EQ(sr->info().ntp_seconds, 0xDDCCBBAAu);
    EXPECT_EQ(sr->info().ntp_fraction, 0x11223344u);
    EXPECT_EQ(sr->info().rtp_timestamp, 0x1000u);
    EXPECT_EQ(sr->info().packet_count, 16u);
    EXPECT_EQ(sr->info().octet_count, 1024u);
    EXPECT_EQ(sr->compactNtp(), 0xBBAA1122u);
    ASSERT_EQ(sr->reportCount(), 1u);
    ReportBlock b = sr->reportBlock(0);
    EXPECT_EQ(b.ssrc, 0xAABBCCDDu);
    EXPECT_EQ(b.fraction_lost, 0x40);
    EXPECT_EQ(b.cumulative_lost, -2);
    EXPECT_EQ(b.extended_highest_seq, 0x10005u);
    EXPECT_EQ(b.jitter, 0x20u);
    EXPECT_EQ(b.last_sr, 0x11112222u);
    EXPECT_EQ(b.delay_since_last_sr, 0x8000u);
    EXPECT_FALSE(ReceiverReport::parse(packets[0])) << "wrong type";

    auto sdes = Sdes::parse(packets[1]);
    ASSERT_TRUE(sdes);
    std::string cname;
    sdes->forEachItem([&](uint32_t ssrc, uint8_t type, std::string_view text) {
        EXPECT_EQ(ssrc, 0x01020304u);
        if (type == kSdesCname) cname = text;
    });
    EXPECT_EQ(cname, "abcd");

    EXPECT_EQ(packets[2].bytes.size(), 8u) << "padding stripped";
    auto bye = Bye::parse(packets[2]);
    ASSERT_TRUE(bye);
    EXPECT_EQ(bye->ssrcCount(), 1u);
    EXPECT_EQ(bye->ssrc(0), 0x01020304u);
    EXPECT_TRUE(bye->reason().empty());
}

TEST(RtcpCompound, StopsAtTheFirstMalformedHeader) {
    auto broken = [](size_t at, uint8_t value) {
        Bytes b = kCompound;
        b[at] = value;
        return b;
    };
    bool error = false;
    EXPECT_EQ(all(broken(52, 0x41), &error).size(), 1u) << "version 1 in the second packet";
    EXPECT_TRUE(error);
    EXPECT_EQ(all(broken(55, 0x10), &error).size(), 1u) << "SDES length past the end";
    EXPECT_TRUE(error);
    EXPECT_EQ(all(broken(79, 0x00), &error).size(), 2u) << "padding count 0";
    EXPECT_EQ(all(broken(79, 0x09), &error).size(), 2u) << "padding longer than the packet";
    EXPECT_TRUE(error);
    EXPECT_EQ(all(std::span(kCompound).first(54), &error).size(), 1u) << "cut header";
    EXPECT_TRUE(error);
    EXPECT_FALSE(CompoundReader::validate(std::span(kCompound).first(60)));
    EXPECT_FALSE(CompoundReader::validate({}));
}

TEST(RtcpCompound, TypedViewsRejectShortBodies) {
    Bytes sr(kCompound.begin(), kCompound.begin() + 52);
    sr[0] = 0x82; // claims 2 report blocks
    auto packets = all(sr);
    ASSERT_EQ(packets.size(), 1u);
    EXPECT_FALSE(SenderReport::parse(packets[0]));

    Bytes rr = {0x81, 0xC9, 0x00, 0x01, 0, 0, 0, 1}; // RC 1, no block
    EXPECT_FALSE(ReceiverReport::parse(all(rr)[0]));

    Bytes sdes = {0x82, 0xCA, 0x00, 0x03, 0, 0, 0, 1, 1, 2, 'a', 'b', 0, 0, 0, 0}; // 2 chunks, room for 1
    EXPECT_FALSE(Sdes::parse(all(sdes)[0]));
    Bytes sdes_item = {0x81, 0xCA, 0x00, 0x02, 0, 0, 0, 1, 1, 9, 'a', 'b'}; // item longer than the packet
    EXPECT_FALSE(Sdes::parse(all(sdes_item)[0]));
    Bytes sdes_open = {0x81, 0xCA, 0x00, 0x02, 0, 0, 0, 1, 1, 2, 'a', 'b'}; // no null item
    EXPECT_FALSE(Sdes::parse(all(sdes_open)[0]));

    Bytes bye = {0x82, 0xCB, 0x00, 0x01, 0, 0, 0, 1}; // 2 SSRCs, room for 1
    EXPECT_FALSE(Bye::parse(all(bye)[0]));
    Bytes reason = {0x81, 0xCB, 0x00, 0x02, 0, 0, 0, 1, 9, 'x', 'y', 'z'}; // reason longer than the packet
    EXPECT_FALSE(Bye::parse(all(reason)[0]));
}

TEST(RtcpCompound, ReportsRoundTrip) {
    ReportBlock blocks[2];
    blocks[0] = {1, 25, -3, 70000, 12, 0xAABB, 0x1234};
    blocks[1] = {2, 0, 10000000, 5, 0, 0, 0}; // cumulative lost beyond 24 bits: clamped
    uint8_t buf[200];
    SenderInfo info{0x55, 1, 2, 3, 4, 5};
    size_t n = writeSenderReport(buf, info, blocks);
    ASSERT_EQ(n, 28u + 48u);
    auto sr = SenderReport::parse(all(std::span(buf, n))[0]);
    ASSERT_TRUE(sr);
    EXPECT_EQ(sr->info().octet_count, 5u);
    EXPECT_EQ(sr->reportBlock(0).cumulative_lost, -3);
    EXPECT_EQ(sr->reportBlock(0).extended_highest_seq, 70000u);
    EXPECT_EQ(sr->reportBlock(1).cumulative_lost, 0x7FFFFF);

    n = writeReceiverReport(buf, 0x66, blocks);
    ASSERT_EQ(n, 8u + 48u);
    auto rr = ReceiverReport::parse(all(std::span(buf, n))[0]);
    ASSERT_TRUE(rr);
    EXPECT_EQ(rr->ssrc(), 0x66u);
    EXPECT_EQ(rr->reportBlock(0).delay_since_last_sr, 0x1234u);
    EXPECT_EQ(writeReceiverReport(std::span(buf, 55), 1, blocks), 0u);
    EXPECT_EQ(writeReceiverReport(buf, 1, {}), 8u);

    uint32_t ssrcs[] = {7, 8};
    n = writeBye(buf, ssrcs, "gone");
    auto bye = Bye::parse(all(std::span(buf, n))[0]);
    ASSERT_TRUE(bye);
    EXPECT_EQ(bye->ssrc(1), 8u);
    EXPECT_EQ(bye->reason(), "gone");

    n = writeSdesCname(buf, 9, "user@host");
    EXPECT_EQ(n % 4, 0u);
    auto sdes = Sdes::parse(all(std::span(buf, n))[0]);
    ASSERT_TRUE(sdes);
    std::string cname;
    sdes->forEachItem([&](uint32_t, uint8_t, std::string_view t) { cname = t; });
    EXPECT_EQ(cname, "user@host");
    EXPECT_EQ(writeSdesCname(buf, 9, "abc"), 16u); // 4 + 4 + 2 + 3 + null → 16
}

TEST(RtcpCompound, BuilderAssemblesAndValidates) {
    uint8_t buf[256];
    CompoundBuilder b(buf);
    ReportBlock block{42, 0, 0, 100, 0, 0, 0};
    uint16_t lost[] = {5, 6};
    EXPECT_TRUE(b.add(writeReceiverReport, 1u, std::span<const ReportBlock>(&block, 1)));
    EXPECT_TRUE(b.add(writeSdesCname, 1u, std::string_view("me")));
    EXPECT_TRUE(b.add(writePli, 1u, 42u));
    EXPECT_TRUE(b.add(writeGenericNack, 1u, 42u, std::span<const uint16_t>(lost)));
    ASSERT_FALSE(b.failed());
    EXPECT_TRUE(CompoundReader::validate(b.bytes()));
    auto packets = all(b.bytes());
    ASSERT_EQ(packets.size(), 4u);
    EXPECT_EQ(ReceiverReport::parse(packets[0])->reportBlock(0).ssrc, 42u);
    EXPECT_TRUE(Sdes::parse(packets[1]));
    EXPECT_EQ(Pli::parse(packets[2])->mediaSsrc(), 42u);
    EXPECT_EQ(GenericNack::parse(packets[3])->item(0).blp, 1);

    uint8_t small[20];
    CompoundBuilder tight(small);
    EXPECT_TRUE(tight.add(writePli, 1u, 2u));
    EXPECT_FALSE(tight.add(writePli, 1u, 2u)) << "8 bytes left";
    EXPECT_TRUE(tight.failed());
    EXPECT_EQ(tight.size(), 0u);
}
