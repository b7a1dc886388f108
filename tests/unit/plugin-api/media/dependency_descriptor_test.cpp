// The AV1 RTP dependency descriptor, written bit by bit after the
// specification's syntax (appendix A.8) and read back.
#include "media_test_util.hpp"

#include <portunus/media/dependency_descriptor.hpp>

#include <gtest/gtest.h>

#include <utility>
#include <vector>

using namespace portunus::media;
using portunus::media::test::BitWriter;

namespace {

constexpr int kOffset = 60; // template_id_offset: template ids wrap at 64

void mandatory(BitWriter &w, bool start, bool end, int template_index, uint16_t frame_number) {
    w.flag(start).flag(end).bits(uint32_t(kOffset + template_index) % 64, 6).bits(frame_number, 16);
}

// L2T2: templates (spatial, temporal) = (0,0) (0,1) (1,0) (1,1); four decode
// targets, four chains (chain_cnt 4 needs the extra bit of ns(5)), and
// resolutions 320x180 and 640x360.
std::vector<uint8_t> keyframeDescriptor(uint16_t frame_number) {
    BitWriter w;
    mandatory(w, true, false, 0, frame_number);
    w.flag(true).flag(false).flag(false).flag(false).flag(false); // structure present, no custom fields
    w.bits(kOffset, 6).bits(4 - 1, 5);                            // template_id_offset, dt_cnt_minus_one
    for (uint32_t next_layer : {1u, 2u, 1u, 3u}) w.bits(next_layer, 2);
    for (int t = 0; t < 4; ++t) w.bits(0b10110100, 8); // template_dtis: 4 decode targets × 2 bits
    w.flag(false);                                      // template 0: no fdiffs
    w.flag(true).bits(0, 4).flag(false);                // template 1: fdiff 1
    w.flag(true).bits(1, 4).flag(true).bits(0, 4).flag(false); // template 2: fdiffs 2, 1
    w.flag(true).bits(1, 4).flag(false);                // template 3: fdiff 2
    w.bits(0b11, 2).bits(1, 1);                         // chain_cnt = ns(5) = 4
    for (int dt = 0; dt < 4; ++dt) w.bits(uint32_t(dt), 2); // decode_target_protected_by: ns(4)
    for (int t = 0; t < 4; ++t) w.bits(0x1234, 16);     // template_chain_fdiff: 4 chains × 4 bits
    w.flag(true).bits(319, 16).bits(179, 16).bits(639, 16).bits(359, 16); // resolutions
    return w.bytes();
}

} // namespace

TEST(SdkDependencyDescriptor, ReadsTheMandatoryFieldsAlone) {
    BitWriter w;
    mandatory(w, true, true, 3, 0xBEEF);
    auto d = parseDependencyDescriptor(w.bytes());
    ASSERT_TRUE(d);
    EXPECT_TRUE(d->start_of_frame);
    EXPECT_TRUE(d->end_of_frame);
    EXPECT_EQ(d->template_id, (kOffset + 3) % 64);
    EXPECT_EQ(d->frame_number, 0xBEEF);
    EXPECT_FALSE(d->has_structure);
    EXPECT_FALSE(d->has_layer_ids); // no structure known
    EXPECT_FALSE(parseDependencyDescriptor(std::span(w.bytes()).first(2)));
}

TEST(SdkDependencyDescriptor, KeepsTheStructureAndResolvesLaterFrames) {
    DependencyStructure structure;
    auto key = keyframeDescriptor(1000);
    auto d = parseDependencyDescriptor(key, &structure);
    ASSERT_TRUE(d);
    EXPECT_TRUE(d->has_structure);
    EXPECT_TRUE(d->start_of_frame);
    EXPECT_FALSE(d->end_of_frame);
    EXPECT_EQ(d->frame_number, 1000);
    ASSERT_TRUE(d->has_layer_ids);
    EXPECT_EQ(d->spatial_id, 0);
    EXPECT_EQ(d->temporal_id, 0);
    ASSERT_TRUE(structure.valid);
    EXPECT_EQ(structure.template_count, 4);
    EXPECT_EQ(structure.decode_targets, 4);
    EXPECT_EQ(structure.chains, 4);

    const std::pair<int, int> layers[] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    for (int index = 0; index < 4; ++index) {
        BitWriter w;
        mandatory(w, false, true, index, uint16_t(1001 + index));
        d = parseDependencyDescriptor(w.bytes(), &structure);
        ASSERT_TRUE(d);
        ASSERT_TRUE(d->has_layer_ids);
        EXPECT_EQ(d->spatial_id, layers[index].first) << index;
        EXPECT_EQ(d->temporal_id, layers[index].second) << index;
        EXPECT_EQ(d->frame_number, 1001 + index);
    }
    // A template the structure does not have.
    BitWriter unknown;
    mandatory(unknown, true, true, 4, 1);
    EXPECT_FALSE(parseDependencyDescriptor(unknown.bytes(), &structure));
}

TEST(SdkDependencyDescriptor, ReadsPastCustomFrameFields) {
    DependencyStructure structure;
    ASSERT_TRUE(parseDependencyDescriptor(keyframeDescriptor(1), &structure));
    BitWriter w;
    mandatory(w, true, true, 3, 2);
    w.flag(false).flag(true).flag(true).flag(true).flag(true); // active targets, custom dtis, fdiffs, chains
    w.bits(0b1111, 4);                                          // active_decode_targets_bitmask
    w.bits(0b01010101, 8);                                      // frame_dtis
    w.bits(1, 2).bits(3, 4).bits(2, 2).bits(300, 8).bits(0, 2); // frame_fdiffs: 4, 301
    w.bits(0x01020304, 32);                                     // frame_chains
    auto d = parseDependencyDescriptor(w.bytes(), &structure);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->spatial_id, 1);
    EXPECT_EQ(d->temporal_id, 1);
    for (size_t n = 4; n < w.bytes().size(); ++n)
        EXPECT_FALSE(parseDependencyDescriptor(std::span(w.bytes()).first(n), &structure)) << n;
}

TEST(SdkDependencyDescriptor, RejectsTruncatedAndImpossibleStructures) {
    auto key = keyframeDescriptor(7);
    for (size_t n = 4; n < key.size(); ++n) {
        DependencyStructure structure;
        EXPECT_FALSE(parseDependencyDescriptor(std::span(key).first(n), &structure)) << n;
        EXPECT_FALSE(structure.valid) << n; // a structure that did not parse is not kept
    }
    // Five spatial layers: more than the format allows.
    BitWriter w;
    mandatory(w, true, true, 0, 1);
    w.flag(true).flag(false).flag(false).flag(false).flag(false).bits(kOffset, 6).bits(0, 5);
    for (int i = 0; i < 4; ++i) w.bits(2, 2);
    w.bits(3, 2).bits(0, 8).bits(0, 8);
    EXPECT_FALSE(parseDependencyDescriptor(w.bytes()));
    // More than 64 templates.
    BitWriter many;
    mandatory(many, true, true, 0, 1);
    many.flag(true).flag(false).flag(false).flag(false).flag(false).bits(kOffset, 6).bits(0, 5);
    for (int i = 0; i < 70; ++i) many.bits(0, 2);
    many.bits(0, 32).bits(0, 32).bits(0, 32).bits(0, 32).bits(0, 32);
    EXPECT_FALSE(parseDependencyDescriptor(many.bytes()));
}
