// The SDK's header-only RTCP helpers, checked against the core's RTCP readers.
#include "rtp/rtcp/compound.hpp"
#include "rtp/rtcp/pli.hpp"
#include "rtp/rtcp/remb.hpp"

#include <portunus/media/rtcp.hpp>

#include <gtest/gtest.h>

using namespace portunus;

TEST(SdkMediaRtcp, RembRoundTripsThroughTheCoreReader) {
    for (uint64_t bitrate : {64000ull, 128000ull, 262143ull, 2500000ull, 30000000ull}) {
        uint8_t buf[24];
        ASSERT_EQ(media::writeRemb(buf, sizeof buf, 7, 0xCAFEBABE, bitrate), 24u);
        rtp::rtcp::CompoundReader reader({buf, sizeof buf});
        rtp::rtcp::PacketView view;
        ASSERT_TRUE(reader.next(view));
        auto remb = rtp::rtcp::Remb::parse(view);
        ASSERT_TRUE(remb);
        EXPECT_EQ(remb->senderSsrc(), 7u);
        ASSERT_EQ(remb->ssrcCount(), 1u);
        EXPECT_EQ(remb->ssrc(0), 0xCAFEBABEu);
        // 18-bit mantissa: exact below 2^18, within one part in 2^17 above.
        EXPECT_LE(remb->bitrate(), bitrate);
        EXPECT_GE(remb->bitrate(), bitrate - bitrate / (1 << 17));
    }
    uint8_t small[23];
    EXPECT_EQ(media::writeRemb(small, sizeof small, 1, 2, 1000), 0u);
}

TEST(SdkMediaRtcp, KeyframeRequestsAreRecognisedInCompounds) {
    uint8_t compound[8 + 12] = {0x80, 201, 0, 1, 0, 0, 0, 9}; // an empty RR, then a PLI
    ASSERT_EQ(rtp::rtcp::writePli({compound + 8, 12}, 1, 2), 12u);
    EXPECT_TRUE(media::asksKeyframe(compound, sizeof compound));
    EXPECT_FALSE(media::asksKeyframe(compound, 8));
    uint8_t truncated[] = {0x81, 206, 0, 9, 0, 0};
    EXPECT_FALSE(media::asksKeyframe(truncated, sizeof truncated));
    uint8_t rtp[12] = {0x80, 96, 0, 1, 0, 0, 0, 1, 0x12, 0x34, 0x56, 0x78};
    EXPECT_EQ(media::rtpSsrc(rtp, sizeof rtp), 0x12345678u);
    EXPECT_EQ(media::rtpSsrc(rtp, 11), 0u);
}
