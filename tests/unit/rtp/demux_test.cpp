#include "rtp/demux.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace portunus::rtp;

namespace {
std::vector<uint8_t> packet(uint8_t first, uint8_t second, size_t size) {
    std::vector<uint8_t> b(size, 0);
    b[0] = first;
    b[1] = second;
    return b;
}
} // namespace

TEST(Demux, FirstByteRangesOfRfc7983) {
    auto stun = packet(0x00, 0x01, 20); // binding request
    EXPECT_TRUE(isStun(stun.data(), stun.size()));
    EXPECT_FALSE(isDtls(stun.data(), stun.size()));
    EXPECT_FALSE(isRtpOrRtcp(stun.data(), stun.size()));
    EXPECT_FALSE(isStun(stun.data(), 19));

    auto dtls = packet(22, 0xFE, 13); // handshake record, DTLS 1.2
    EXPECT_TRUE(isDtls(dtls.data(), dtls.size()));
    EXPECT_FALSE(isStun(dtls.data(), dtls.size()));
    dtls[0] = 19;
    EXPECT_FALSE(isDtls(dtls.data(), dtls.size()));
    dtls[0] = 64;
    EXPECT_FALSE(isDtls(dtls.data(), dtls.size()));
}

TEST(Demux, RtpVersusRtcpByPayloadType) {
    auto rtp = packet(0x80, 96, 12);
    EXPECT_TRUE(isRtp(rtp.data(), rtp.size()));
    EXPECT_FALSE(isRtcp(rtp.data(), rtp.size()));
    auto marked = packet(0x80, 0x80 | 96, 12); // PT 96 + marker = 224: still RTP
    EXPECT_TRUE(isRtp(marked.data(), marked.size()));
    for (uint8_t pt : {200, 201, 205, 206, 192, 223}) {
        auto rtcp = packet(0x81, pt, 8);
        EXPECT_TRUE(isRtcp(rtcp.data(), rtcp.size())) << int(pt);
        EXPECT_FALSE(isRtp(rtcp.data(), rtcp.size())) << int(pt);
    }
    auto v1 = packet(0x40, 96, 12);
    EXPECT_FALSE(isRtp(v1.data(), v1.size()));
    EXPECT_FALSE(isRtp(rtp.data(), 11));
    auto short_rtcp = packet(0x80, 200, 7);
    EXPECT_FALSE(isRtcp(short_rtcp.data(), short_rtcp.size()));
}
