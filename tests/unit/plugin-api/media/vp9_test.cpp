// VP9 payload descriptor (RFC 9628) and keyframe detection.
#include <portunus/media/vp9.hpp>

#include <gtest/gtest.h>

#include <vector>

using namespace portunus::media;

namespace {
// Descriptor byte 0: I P L F B E V Z
constexpr uint8_t I = 0x80, P = 0x40, L = 0x20, F = 0x10, B = 0x08, E = 0x04, V = 0x02;

std::optional<Vp9Descriptor> parse(const std::vector<uint8_t> &p) { return parseVp9(p.data(), p.size()); }
} // namespace

TEST(SdkVp9, ParsesANonFlexibleDescriptor) {
    // 15-bit picture id 0x1234, TID 2, U, SID 1, D, TL0PICIDX 77, then payload.
    std::vector<uint8_t> p{I | P | L | B | E, 0x80 | 0x12, 0x34, uint8_t(2 << 5 | 0x10 | 1 << 1 | 1), 77, 0xAA};
    auto d = parse(p);
    ASSERT_TRUE(d);
    EXPECT_TRUE(d->has_picture_id);
    EXPECT_TRUE(d->picture_id_16bit);
    EXPECT_EQ(d->picture_id, 0x1234);
    EXPECT_TRUE(d->inter_picture_predicted);
    EXPECT_TRUE(d->layer_indices);
    EXPECT_EQ(d->tid, 2);
    EXPECT_TRUE(d->switching_up);
    EXPECT_EQ(d->sid, 1);
    EXPECT_TRUE(d->inter_layer);
    EXPECT_TRUE(d->has_tl0picidx);
    EXPECT_EQ(d->tl0picidx, 77);
    EXPECT_FALSE(d->flexible);
    EXPECT_TRUE(d->begin_frame);
    EXPECT_TRUE(d->end_frame);
    EXPECT_FALSE(d->has_ss);
    EXPECT_EQ(d->size, 5u);
    for (size_t n = 0; n < 5; ++n) EXPECT_FALSE(parseVp9(p.data(), n)) << n;
}

TEST(SdkVp9, ParsesFlexibleModeReferences) {
    // 7-bit picture id, layer indices without TL0PICIDX, three P_DIFFs (N bit on all but the last).
    std::vector<uint8_t> p{I | P | L | F | B, 0x05, uint8_t(1 << 5), 0x03, 0x05, 0x06, 0xAA};
    auto d = parse(p);
    ASSERT_TRUE(d);
    EXPECT_FALSE(d->picture_id_16bit);
    EXPECT_EQ(d->picture_id, 5);
    EXPECT_TRUE(d->flexible);
    EXPECT_FALSE(d->has_tl0picidx);
    EXPECT_EQ(d->tid, 1);
    EXPECT_EQ(d->size, 6u);
    for (size_t n = 0; n < 6; ++n) EXPECT_FALSE(parseVp9(p.data(), n)) << n;
    p[5] = 0x07; // a fourth reference: more than the format allows
    EXPECT_FALSE(parse(p));
}

TEST(SdkVp9, SkipsTheScalabilityStructure) {
    // Keyframe with SS: 2 spatial layers with resolutions, a picture group of 2.
    std::vector<uint8_t> p{I | L | B | V, 0x80, 0x01, 0x00, 0x00,     // picture id 1, layer 0, TL0PICIDX 0
                           uint8_t(1 << 5 | 0x10 | 0x08),             // N_S = 1, Y, G
                           0x01, 0x40, 0x00, 0xB4, 0x02, 0x80, 0x01, 0x68, // 320x180, 640x360
                           2,                                         // N_G
                           uint8_t(0 << 5 | 0x10 | 1 << 2), 1,        // TID 0, U, one P_DIFF
                           uint8_t(1 << 5 | 2 << 2), 1, 2,            // TID 1, two P_DIFFs
                           0xAA};
    auto d = parse(p);
    ASSERT_TRUE(d);
    EXPECT_TRUE(d->has_ss);
    EXPECT_EQ(d->size, p.size() - 1);
    EXPECT_TRUE(isVp9Keyframe(p.data(), p.size()));
    for (size_t n = 0; n < p.size() - 1; ++n) EXPECT_FALSE(parseVp9(p.data(), n)) << n;
}

TEST(SdkVp9, Keyframes) {
    std::vector<uint8_t> key{I | L | B, 0x10, 0x00, 0x00, 0xAA};
    EXPECT_TRUE(isVp9Keyframe(key.data(), key.size()));
    std::vector<uint8_t> no_layers{B, 0xAA}; // spatial layer 0 implied
    EXPECT_TRUE(isVp9Keyframe(no_layers.data(), no_layers.size()));
    std::vector<uint8_t> predicted{I | P | L | B, 0x10, 0x00, 0x00, 0xAA};
    EXPECT_FALSE(isVp9Keyframe(predicted.data(), predicted.size()));
    std::vector<uint8_t> upper_layer{I | L | B, 0x10, 1 << 1, 0x00, 0xAA}; // SID 1
    EXPECT_FALSE(isVp9Keyframe(upper_layer.data(), upper_layer.size()));
    std::vector<uint8_t> not_begin{I | L | E, 0x10, 0x00, 0x00, 0xAA};
    EXPECT_FALSE(isVp9Keyframe(not_begin.data(), not_begin.size()));
    EXPECT_FALSE(isVp9Keyframe(key.data(), 3)); // truncated
    EXPECT_FALSE(isVp9Keyframe(nullptr, 0));
}
