// VP8 payload descriptor, keyframes from a libvpx capture, and Vp8Rewriter.
#include "media_test_util.hpp"

#include <portunus/media/vp8.hpp>

#include <gtest/gtest.h>

#include <ostream>

using namespace portunus::media;
using portunus::media::test::ivfFrames;
using portunus::media::test::Vp8DescriptorBuilder;

TEST(SdkVp8, ParsesTheMinimalDescriptor) {
    auto p = Vp8DescriptorBuilder{.start = true, .partition = 3}.payload();
    auto d = parseVp8(p.data(), p.size());
    ASSERT_TRUE(d);
    EXPECT_TRUE(d->start_of_partition);
    EXPECT_EQ(d->partition_id, 3);
    EXPECT_FALSE(d->has_picture_id);
    EXPECT_FALSE(d->has_tl0picidx);
    EXPECT_FALSE(d->has_tid);
    EXPECT_EQ(d->size, 1u);
}

TEST(SdkVp8, ParsesEveryOptionalField) {
    Vp8DescriptorBuilder b{.start = false, .picture_id = 0x1234, .tl0picidx = 200, .tid = 2, .layer_sync = true,
                           .keyidx = 5};
    auto p = b.payload();
    auto d = parseVp8(p.data(), p.size());
    ASSERT_TRUE(d);
    EXPECT_FALSE(d->start_of_partition);
    EXPECT_TRUE(d->has_picture_id);
    EXPECT_TRUE(d->picture_id_16bit);
    EXPECT_EQ(d->picture_id, 0x1234);
    EXPECT_TRUE(d->has_tl0picidx);
    EXPECT_EQ(d->tl0picidx, 200);
    EXPECT_TRUE(d->has_tid);
    EXPECT_EQ(d->tid, 2);
    EXPECT_TRUE(d->layer_sync);
    EXPECT_EQ(d->size, 6u);

    b = {.picture_id = 0x55, .picture_id_16bit = false, .keyidx = 1}; // 7-bit id, K without T
    p = b.payload();
    d = parseVp8(p.data(), p.size());
    ASSERT_TRUE(d);
    EXPECT_FALSE(d->picture_id_16bit);
    EXPECT_EQ(d->picture_id, 0x55);
    EXPECT_FALSE(d->has_tid);
    EXPECT_EQ(d->size, 4u);
}

TEST(SdkVp8, TruncatedDescriptorsAreRejected) {
    auto p = Vp8DescriptorBuilder{.picture_id = 300, .tl0picidx = 1, .tid = 1}.payload();
    for (size_t n = 0; n < p.size(); ++n) EXPECT_FALSE(parseVp8(p.data(), n)) << n; // n == size - 1: no payload
    EXPECT_TRUE(parseVp8(p.data(), p.size()));
    EXPECT_FALSE(parseVp8(nullptr, 10));
    EXPECT_FALSE(isVp8Keyframe(p.data(), 3));
}

TEST(SdkVp8, RecognisesKeyframesOfARealEncoder) {
    auto frames = ivfFrames("vp8_160x120.ivf");
    ASSERT_EQ(frames.size(), 2u);
    const auto &key = frames[0], &delta = frames[1];

    for (Vp8DescriptorBuilder b : {Vp8DescriptorBuilder{}, Vp8DescriptorBuilder{.picture_id = 9, .tl0picidx = 3,
                                                                                 .tid = 0, .layer_sync = true}}) {
        auto first = b.payload(key);
        EXPECT_TRUE(isVp8Keyframe(first.data(), first.size()));
        uint16_t w = 0, h = 0;
        ASSERT_TRUE(vp8KeyframeSize(first.data(), first.size(), w, h));
        EXPECT_EQ(w, 160);
        EXPECT_EQ(h, 120);
        // A truncated keyframe header gives no size.
        EXPECT_FALSE(vp8KeyframeSize(first.data(), b.build().size() + 9, w, h));

        auto inter = b.payload(delta);
        EXPECT_FALSE(isVp8Keyframe(inter.data(), inter.size()));
        EXPECT_FALSE(vp8KeyframeSize(inter.data(), inter.size(), w, h));

        // The keyframe's second packet (not a start of partition), and partition 1.
        Vp8DescriptorBuilder cont = b;
        cont.start = false;
        auto second = cont.payload({key.begin() + 500, key.end()});
        EXPECT_FALSE(isVp8Keyframe(second.data(), second.size()));
        Vp8DescriptorBuilder part1 = b;
        part1.partition = 1;
        auto other = part1.payload(key);
        EXPECT_FALSE(isVp8Keyframe(other.data(), other.size()));
    }
}

namespace {
struct Ids {
    int picture_id;
    int tl0picidx;
    bool operator==(const Ids &) const = default;
    friend std::ostream &operator<<(std::ostream &os, const Ids &ids) {
        return os << "{" << ids.picture_id << ", " << ids.tl0picidx << "}";
    }
};

Ids rewritten(Vp8Rewriter &r, Vp8DescriptorBuilder b) {
    auto p = b.payload();
    const size_t size = b.build().size();
    r.rewrite(p.data(), p.size());
    auto d = parseVp8(p.data(), p.size());
    EXPECT_TRUE(d);
    EXPECT_EQ(d->size, size); // the descriptor keeps its size
    EXPECT_EQ(d->picture_id_16bit, b.picture_id_16bit);
    return {d->has_picture_id ? d->picture_id : -1, d->has_tl0picidx ? d->tl0picidx : -1};
}

Ids rewritten(Vp8Rewriter &r, int picture_id, int tl0picidx, bool wide = true) {
    return rewritten(r, {.picture_id = picture_id, .picture_id_16bit = wide, .tl0picidx = tl0picidx, .tid = 0});
}
} // namespace

TEST(SdkVp8Rewriter, ContinuesPictureIdsAcrossSourceSwitches) {
    Vp8Rewriter r;
    EXPECT_EQ(rewritten(r, 1000, 50), (Ids{1000, 50}));
    EXPECT_EQ(rewritten(r, 1000, 50), (Ids{1000, 50})); // the same picture's next packet
    EXPECT_EQ(rewritten(r, 1001, 51), (Ids{1001, 51}));
    r.switchSource();
    EXPECT_EQ(rewritten(r, 20000, 7), (Ids{1002, 52}));
    EXPECT_EQ(rewritten(r, 20001, 8), (Ids{1003, 53}));
    EXPECT_EQ(rewritten(r, 20000, 7), (Ids{1002, 52})); // a late packet of an earlier picture
    r.switchSource();                                   // twice
    EXPECT_EQ(rewritten(r, 5, 255), (Ids{1004, 54}));
}

TEST(SdkVp8Rewriter, FifteenBitIdsAndTl0picidxWrap) {
    Vp8Rewriter r;
    rewritten(r, 0x7FFE, 254);
    r.switchSource();
    EXPECT_EQ(rewritten(r, 3, 9), (Ids{0x7FFF, 255}));
    EXPECT_EQ(rewritten(r, 4, 10), (Ids{0, 0}));
}

TEST(SdkVp8Rewriter, SevenBitIdsStaySevenBitAndWrap) {
    Vp8Rewriter r;
    EXPECT_EQ(rewritten(r, 126, 0, false).picture_id, 126);
    r.switchSource();
    EXPECT_EQ(rewritten(r, 60, 0, false).picture_id, 127);
    EXPECT_EQ(rewritten(r, 61, 1, false).picture_id, 0);
    EXPECT_EQ(rewritten(r, 62, 2, false).picture_id, 1);
    // The source's own ids wrap too.
    r.switchSource();
    EXPECT_EQ(rewritten(r, 127, 0, false).picture_id, 2);
    EXPECT_EQ(rewritten(r, 0, 1, false).picture_id, 3);
    EXPECT_EQ(rewritten(r, 127, 0, false).picture_id, 2); // late, across the source's wrap
    // A 15-bit source next: its low 7 bits continue.
    r.switchSource();
    EXPECT_EQ(rewritten(r, 30000, 5).picture_id & 0x7F, 4);
}

TEST(SdkVp8Rewriter, DroppedPicturesLeaveNoGap) {
    Vp8Rewriter r;
    const Vp8DescriptorBuilder tl2{.picture_id = 101, .tl0picidx = 5, .tid = 2};
    EXPECT_EQ(rewritten(r, 100, 5).picture_id, 100);
    auto dropped = tl2.payload();
    r.drop(dropped.data(), dropped.size());
    r.drop(dropped.data(), dropped.size()); // its second packet
    EXPECT_EQ(rewritten(r, 102, 5).picture_id, 101);
    Vp8Rewriter narrow;
    EXPECT_EQ(rewritten(narrow, 127, 1, false).picture_id, 127);
    Vp8DescriptorBuilder seven = tl2;
    seven.picture_id = 0; // dropped across the 7-bit wrap
    seven.picture_id_16bit = false;
    dropped = seven.payload();
    narrow.drop(dropped.data(), dropped.size());
    EXPECT_EQ(rewritten(narrow, 1, 2, false).picture_id, 0);
}

TEST(SdkVp8Rewriter, LeavesDescriptorsWithoutIdsAndGarbageAlone) {
    Vp8Rewriter r;
    auto plain = Vp8DescriptorBuilder{}.payload();
    auto copy = plain;
    r.rewrite(plain.data(), plain.size());
    EXPECT_EQ(plain, copy);
    uint8_t truncated[] = {0x90, 0x80}; // I set, no picture id byte
    r.rewrite(truncated, sizeof truncated);
    EXPECT_EQ(truncated[1], 0x80);
    r.rewrite(nullptr, 0);
}
