// Codec names and keyframe detection for every codec.
#include "media_test_util.hpp"

#include <portunus/media/codec.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace portunus::media;

namespace {
bool key(Codec c, const std::vector<uint8_t> &p) { return isKeyframe(c, p.data(), p.size()); }
} // namespace

TEST(SdkCodec, NamesAreCaseInsensitiveAndRoundTrip) {
    EXPECT_EQ(codecFromName("VP8"), Codec::vp8);
    EXPECT_EQ(codecFromName("vp9"), Codec::vp9);
    EXPECT_EQ(codecFromName("H264"), Codec::h264);
    EXPECT_EQ(codecFromName("h265"), Codec::h265);
    EXPECT_EQ(codecFromName("HEVC"), Codec::h265);
    EXPECT_EQ(codecFromName("AV1"), Codec::av1);
    EXPECT_EQ(codecFromName("AV1X"), Codec::av1);
    EXPECT_EQ(codecFromName("opus"), Codec::opus);
    EXPECT_EQ(codecFromName("OPUS"), Codec::opus);
    EXPECT_EQ(codecFromName("PCMU"), Codec::pcmu);
    EXPECT_EQ(codecFromName("pcma"), Codec::pcma);
    EXPECT_EQ(codecFromName("G722"), Codec::g722);
    EXPECT_EQ(codecFromName(""), Codec::unknown);
    EXPECT_EQ(codecFromName("vp8 "), Codec::unknown);
    EXPECT_EQ(codecFromName("rtx"), Codec::unknown);
    for (Codec c : {Codec::opus, Codec::pcmu, Codec::pcma, Codec::g722, Codec::vp8, Codec::vp9, Codec::h264, Codec::av1,
                    Codec::h265}) {
        const std::string name = codecName(c);
        EXPECT_EQ(codecFromName(name), c) << name;
        for (char ch : name) EXPECT_FALSE(ch >= 'A' && ch <= 'Z') << name;
    }
    EXPECT_STREQ(codecName(Codec::h264), "h264");
    EXPECT_STREQ(codecName(Codec::av1), "av1");
    EXPECT_STREQ(codecName(Codec::unknown), "unknown");
}

TEST(SdkCodec, H264Keyframes) {
    EXPECT_TRUE(key(Codec::h264, {0x65, 0x88}));  // IDR slice
    EXPECT_TRUE(key(Codec::h264, {0x67, 0x42}));  // SPS
    EXPECT_FALSE(key(Codec::h264, {0x41, 0x9A})); // non-IDR slice
    EXPECT_FALSE(key(Codec::h264, {0x68, 0xCE})); // PPS alone
    // STAP-A: SPS (3 bytes) + PPS (2 bytes) + IDR; and one with only non-IDR.
    EXPECT_TRUE(key(Codec::h264, {0x78, 0, 3, 0x67, 0x42, 0x00, 0, 2, 0x68, 0xCE, 0, 2, 0x65, 0x88}));
    EXPECT_TRUE(key(Codec::h264, {0x78, 0, 2, 0x68, 0xCE, 0, 2, 0x65, 0x88}));
    EXPECT_FALSE(key(Codec::h264, {0x78, 0, 2, 0x68, 0xCE, 0, 2, 0x41, 0x9A}));
    EXPECT_FALSE(key(Codec::h264, {0x78, 0, 2, 0x68, 0xCE, 0, 9, 0x65, 0x88})); // size past the end
    EXPECT_FALSE(key(Codec::h264, {0x78, 0, 0, 0, 2, 0x65, 0x88}));             // empty unit
    EXPECT_FALSE(key(Codec::h264, {0x78}));
    // FU-A of an IDR: start, middle, end; and the start of a non-IDR.
    EXPECT_TRUE(key(Codec::h264, {0x7C, 0x85, 0x88}));
    EXPECT_FALSE(key(Codec::h264, {0x7C, 0x05, 0x88}));
    EXPECT_FALSE(key(Codec::h264, {0x7C, 0x45, 0x88}));
    EXPECT_FALSE(key(Codec::h264, {0x5C, 0x81, 0x9A}));
    EXPECT_FALSE(key(Codec::h264, {0x7C}));
    EXPECT_FALSE(isKeyframe(Codec::h264, nullptr, 0));
}

TEST(SdkCodec, H265Keyframes) {
    auto nal = [](uint8_t type) { return std::vector<uint8_t>{uint8_t(type << 1), 0x01, 0xAF}; };
    for (uint8_t type : {16, 17, 18, 19, 20, 21, 32, 33}) EXPECT_TRUE(key(Codec::h265, nal(type))) << int(type);
    for (uint8_t type : {0, 1, 9, 22, 34, 39}) EXPECT_FALSE(key(Codec::h265, nal(type))) << int(type);
    // AP (48): PPS (34) then IDR_W_RADL (19); and PPS then TRAIL_R (1).
    EXPECT_TRUE(key(Codec::h265, {96, 1, 0, 3, 68, 1, 0xC1, 0, 3, 38, 1, 0xAF}));
    EXPECT_FALSE(key(Codec::h265, {96, 1, 0, 3, 68, 1, 0xC1, 0, 3, 2, 1, 0xAF}));
    EXPECT_FALSE(key(Codec::h265, {96, 1, 0, 3, 68, 1, 0xC1, 0, 9, 38, 1})); // size past the end
    EXPECT_FALSE(key(Codec::h265, {96, 1, 0, 1, 38, 0, 3, 38, 1, 0}));       // unit shorter than its header
    // FU (49): start of an IDR_N_LP (20), its middle, start of TRAIL_R.
    EXPECT_TRUE(key(Codec::h265, {98, 1, 0x80 | 20, 0xAF}));
    EXPECT_FALSE(key(Codec::h265, {98, 1, 20, 0xAF}));
    EXPECT_FALSE(key(Codec::h265, {98, 1, 0x80 | 1, 0xAF}));
    EXPECT_FALSE(key(Codec::h265, {98, 1}));
    EXPECT_FALSE(key(Codec::h265, {38}));
}

TEST(SdkCodec, Av1NewCodedVideoSequence) {
    EXPECT_TRUE(key(Codec::av1, {0x18, 0x0A})); // W=1, N=1
    EXPECT_TRUE(key(Codec::av1, {0x08}));
    EXPECT_FALSE(key(Codec::av1, {0x10, 0x0A})); // W=1, N=0
    EXPECT_FALSE(key(Codec::av1, {0xC0}));       // Z, Y: a continuation
    EXPECT_FALSE(key(Codec::av1, {}));
}

TEST(SdkCodec, DispatchesVp8Vp9AndIgnoresAudio) {
    auto frames = portunus::media::test::ivfFrames("vp8_160x120.ivf");
    ASSERT_EQ(frames.size(), 2u);
    const portunus::media::test::Vp8DescriptorBuilder descriptor;
    EXPECT_TRUE(key(Codec::vp8, descriptor.payload(frames[0])));
    EXPECT_FALSE(key(Codec::vp8, descriptor.payload(frames[1])));
    EXPECT_TRUE(key(Codec::vp9, {0x08, 0xAA})); // B, no P
    for (Codec audio : {Codec::opus, Codec::pcmu, Codec::pcma, Codec::g722, Codec::unknown})
        EXPECT_FALSE(key(audio, {0x65, 0x08, 0x10}));
}
