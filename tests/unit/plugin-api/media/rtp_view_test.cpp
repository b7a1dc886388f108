// The SDK's RTP view, checked field by field and against the core's parser.
#include "rtp/rtp_packet.hpp"

#include "../../rtp/rtp_test_util.hpp"

#include <portunus/media/rtp_view.hpp>

#include <gtest/gtest.h>

#include <vector>

using portunus::media::findExtension;
using portunus::media::parseRtp;
using portunus::rtp::test::RtpBuilder;

namespace {
std::vector<uint8_t> bytes(std::span<const uint8_t> s) { return {s.begin(), s.end()}; }
} // namespace

TEST(SdkRtpView, ReadsTheFixedHeader) {
    RtpBuilder b{.pt = 111, .marker = true, .seq = 0xFFFF, .ts = 0xDEADBEEF, .ssrc = 0x01020304};
    b.payload = {1, 2, 3, 4, 5};
    auto wire = b.build();
    auto h = parseRtp(wire.data(), wire.size());
    ASSERT_TRUE(h);
    EXPECT_EQ(h->payload_type, 111);
    EXPECT_TRUE(h->marker);
    EXPECT_EQ(h->seq, 0xFFFF);
    EXPECT_EQ(h->timestamp, 0xDEADBEEFu);
    EXPECT_EQ(h->ssrc, 0x01020304u);
    EXPECT_EQ(h->header_size, 12u);
    EXPECT_EQ(h->payload, wire.data() + 12);
    EXPECT_EQ(h->payload_size, 5u);
    EXPECT_EQ(h->ext, nullptr);
    EXPECT_EQ(h->ext_size, 0u);
}

TEST(SdkRtpView, SkipsCsrcsAndExtensionAndRemovesPadding) {
    RtpBuilder b;
    b.csrcs = {7, 8};
    b.oneByte({{1, {0xAA}}, {3, {1, 2, 3}}}); // 6 bytes, padded to 8
    b.payload = {9, 9, 9};
    b.padding = 4;
    auto wire = b.build();
    auto h = parseRtp(wire.data(), wire.size());
    ASSERT_TRUE(h);
    EXPECT_EQ(h->header_size, 12u + 8 + 4 + 8);
    EXPECT_EQ(h->ext_profile, 0xBEDE);
    EXPECT_EQ(h->ext, wire.data() + 12 + 8 + 4);
    EXPECT_EQ(h->ext_size, 8u);
    EXPECT_EQ(h->payload, wire.data() + h->header_size);
    EXPECT_EQ(h->payload_size, 3u);
}

TEST(SdkRtpView, AgreesWithTheCoreParser) {
    std::vector<RtpBuilder> packets(5);
    packets[1].csrcs = {1, 2, 3};
    packets[2].oneByte({{5, {1, 2}}, {14, std::vector<uint8_t>(16, 7)}});
    packets[3].twoByte({{200, {}}, {1, std::vector<uint8_t>(40, 3)}});
    packets[3].payload = std::vector<uint8_t>(100, 0x55);
    packets[4].payload = {1};
    packets[4].padding = 255;
    for (const RtpBuilder &b : packets) {
        auto wire = b.build();
        auto core = portunus::rtp::RtpPacket::parse(wire.data(), wire.size(), wire.size());
        auto h = parseRtp(wire.data(), wire.size());
        ASSERT_TRUE(core);
        ASSERT_TRUE(h);
        EXPECT_EQ(h->header_size, core->headerSize());
        EXPECT_EQ(h->payload_size, core->payloadSize());
        EXPECT_EQ(h->seq, core->sequence());
        for (unsigned id = 0; id < 256; ++id)
            EXPECT_EQ(bytes(findExtension(*h, uint8_t(id))), bytes(core->extension(uint8_t(id)))) << "id " << id;
    }
}

TEST(SdkRtpView, RejectsMalformedPackets) {
    RtpBuilder good;
    good.csrcs = {1};
    good.oneByte({{1, {1, 2, 3, 4}}});
    good.payload = {1, 2, 3};
    const auto wire = good.build();
    ASSERT_TRUE(parseRtp(wire.data(), wire.size()));
    const size_t header = parseRtp(wire.data(), wire.size())->header_size;
    for (size_t n = 0; n < header; ++n) EXPECT_FALSE(parseRtp(wire.data(), n)) << "truncated to " << n;
    EXPECT_FALSE(parseRtp(nullptr, 12));

    auto version1 = wire;
    version1[0] = uint8_t((version1[0] & 0x3F) | 0x40);
    EXPECT_FALSE(parseRtp(version1.data(), version1.size()));

    auto csrcs_past_end = RtpBuilder{}.build();
    csrcs_past_end[0] |= 0x0F; // 15 CSRCs in a 12-byte packet
    EXPECT_FALSE(parseRtp(csrcs_past_end.data(), csrcs_past_end.size()));

    auto ext_past_end = wire;
    ext_past_end[12 + 4 + 3] = 0xFF; // extension length in words
    EXPECT_FALSE(parseRtp(ext_past_end.data(), ext_past_end.size()));

    auto padding = wire;
    padding[0] |= 0x20;
    padding.back() = 0; // padding count 0
    EXPECT_FALSE(parseRtp(padding.data(), padding.size()));
    padding.back() = 4; // more than the 3 payload bytes
    EXPECT_FALSE(parseRtp(padding.data(), padding.size()));
    padding.back() = 3; // exactly the payload: empty payload
    auto h = parseRtp(padding.data(), padding.size());
    ASSERT_TRUE(h);
    EXPECT_EQ(h->payload_size, 0u);
    EXPECT_FALSE(parseRtp(padding.data(), header)); // padding bit without any byte after the header
}

TEST(SdkRtpView, FindsOneByteExtensions) {
    RtpBuilder b;
    b.oneByte({{1, {0x10}}, {14, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}}});
    b.ext.insert(b.ext.begin() + 2, {0, 0}); // padding bytes between elements
    b.payload = {1};
    auto wire = b.build();
    auto h = parseRtp(wire.data(), wire.size());
    ASSERT_TRUE(h);
    EXPECT_EQ(bytes(findExtension(*h, 1)), std::vector<uint8_t>{0x10});
    EXPECT_EQ(findExtension(*h, 14).size(), 16u);
    EXPECT_EQ(findExtension(*h, 14)[15], 16);
    EXPECT_TRUE(findExtension(*h, 2).empty());
    EXPECT_TRUE(findExtension(*h, 0).empty());
    EXPECT_TRUE(findExtension(*h, 15).empty());
}

TEST(SdkRtpView, StopsAtTheReservedIdAndMalformedElements) {
    RtpBuilder b;
    b.oneByte({{1, {0x10}}});
    b.ext.push_back(0xF0); // id 15: stop reading
    b.ext.push_back(0x20); // id 2 with one byte, not to be found
    b.ext.push_back(0x33);
    auto wire = b.build();
    auto h = parseRtp(wire.data(), wire.size());
    ASSERT_TRUE(h);
    EXPECT_EQ(findExtension(*h, 1).size(), 1u);
    EXPECT_TRUE(findExtension(*h, 2).empty());

    RtpBuilder overlong;
    overlong.oneByte({{1, {1}}});
    overlong.ext.push_back(0x2F); // id 2, 16 bytes: past the block
    wire = overlong.build();
    h = parseRtp(wire.data(), wire.size());
    ASSERT_TRUE(h);
    EXPECT_EQ(findExtension(*h, 1).size(), 1u);
    EXPECT_TRUE(findExtension(*h, 2).empty());
}

TEST(SdkRtpView, FindsTwoByteExtensions) {
    RtpBuilder b;
    b.twoByte({{1, {}}, {17, {4, 5}}, {255, std::vector<uint8_t>(255, 9)}});
    b.profile = 0x1003; // the low 4 bits are the application's
    auto wire = b.build();
    auto h = parseRtp(wire.data(), wire.size());
    ASSERT_TRUE(h);
    EXPECT_TRUE(findExtension(*h, 1).empty()); // present with length 0
    EXPECT_EQ(bytes(findExtension(*h, 17)), (std::vector<uint8_t>{4, 5}));
    EXPECT_EQ(findExtension(*h, 255).size(), 255u);

    RtpBuilder truncated;
    truncated.twoByte({{1, {1, 2, 3}}});
    truncated.ext[1] = 9; // longer than the block
    wire = truncated.build();
    h = parseRtp(wire.data(), wire.size());
    ASSERT_TRUE(h);
    EXPECT_TRUE(findExtension(*h, 1).empty());

    RtpBuilder other;
    other.has_ext = true;
    other.profile = 0xABCD; // a profile of its own: not searched
    other.ext = {0x10, 1, 0, 0};
    wire = other.build();
    h = parseRtp(wire.data(), wire.size());
    ASSERT_TRUE(h);
    EXPECT_EQ(h->ext_profile, 0xABCD);
    EXPECT_TRUE(findExtension(*h, 1).empty());
}
