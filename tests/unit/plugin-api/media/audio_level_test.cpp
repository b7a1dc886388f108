// RFC 6464 audio levels and Janus-style talking detection.
#include "../../rtp/rtp_test_util.hpp"

#include <portunus/media/audio_level.hpp>
#include <portunus/media/rtp_view.hpp>

#include <gtest/gtest.h>

#include <vector>

using namespace portunus::media;
using Change = TalkingDetector::Change;

TEST(SdkAudioLevel, ReadsTheExtensionOfAPacket) {
    portunus::rtp::test::RtpBuilder b{.pt = 111};
    b.oneByte({{1, {0x80 | 30}}});
    b.payload = {0xFC};
    auto wire = b.build();
    auto h = parseRtp(wire.data(), wire.size());
    ASSERT_TRUE(h);
    auto level = parseAudioLevel(findExtension(*h, 1));
    ASSERT_TRUE(level);
    EXPECT_EQ(level->level, 30);
    EXPECT_TRUE(level->voice);

    const uint8_t silent[] = {127, 0}; // the two-byte form may pad the value
    level = parseAudioLevel(silent);
    ASSERT_TRUE(level);
    EXPECT_EQ(level->level, 127);
    EXPECT_FALSE(level->voice);
    EXPECT_FALSE(parseAudioLevel({}));
    EXPECT_FALSE(parseAudioLevel(findExtension(*h, 2)));
}

TEST(SdkTalkingDetector, ReportsTransitionsOncePerWindow) {
    TalkingDetector d(25, 4);
    EXPECT_FALSE(d.talking());
    EXPECT_EQ(d.lastAverage(), 127);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(d.onLevel(10), Change::none);
    EXPECT_EQ(d.onLevel(10), Change::started); // average 10 < 25
    EXPECT_TRUE(d.talking());
    EXPECT_EQ(d.lastAverage(), 10);
    for (int i = 0; i < 4; ++i) EXPECT_EQ(d.onLevel(20), Change::none); // still talking: no change reported
    EXPECT_EQ(d.lastAverage(), 20);
    // 24, 25, 25, 26 average 25: not below the threshold.
    for (uint8_t level : {24, 25, 25}) EXPECT_EQ(d.onLevel(level), Change::none);
    EXPECT_EQ(d.onLevel(26), Change::stopped);
    EXPECT_FALSE(d.talking());
    EXPECT_EQ(d.lastAverage(), 25);
    for (uint8_t level : {0, 0, 0}) EXPECT_EQ(d.onLevel(level), Change::none);
    EXPECT_EQ(d.onLevel(99), Change::started); // 99 / 4 = 24
}

TEST(SdkTalkingDetector, ResetForgetsEverything) {
    TalkingDetector d(25, 2);
    d.onLevel(0);
    EXPECT_EQ(d.onLevel(0), Change::started);
    d.onLevel(127);
    d.reset();
    EXPECT_FALSE(d.talking());
    EXPECT_EQ(d.lastAverage(), 127);
    EXPECT_EQ(d.onLevel(0), Change::none); // the 127 before the reset is gone
    EXPECT_EQ(d.onLevel(0), Change::started);
    TalkingDetector every_packet(25, 0); // a window below one counts as one
    EXPECT_EQ(every_packet.onLevel(200), Change::none); // clamped to 127
    EXPECT_EQ(every_packet.lastAverage(), 127);
    EXPECT_EQ(every_packet.onLevel(3), Change::started);
}
