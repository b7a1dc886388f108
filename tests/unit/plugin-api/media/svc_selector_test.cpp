// SvcSelector: spatial layers go down at a picture's start and up at a
// keyframe (asked for), temporal layers up at switching points, and the
// marker ends each forwarded picture.
#include <portunus/media/svc_selector.hpp>

#include <gtest/gtest.h>

using portunus::media::SvcSelector;

namespace {

// One packet per layer frame: three spatial layers, the top one ends the picture.
SvcSelector::Packet layer(int spatial, int temporal, bool keyframe = false, bool switching_up = false) {
    SvcSelector::Packet p;
    p.spatial = spatial;
    p.temporal = temporal;
    p.begin_frame = p.end_frame = true;
    p.keyframe = keyframe && spatial == 0;
    p.switching_up = switching_up;
    p.marker = spatial == 2;
    return p;
}

// Which spatial layers of one picture go out, and which carries the marker.
std::string picture(SvcSelector &s, int temporal = 0, bool keyframe = false, bool switching_up = false) {
    std::string out;
    for (int sid = 0; sid < 3; ++sid) {
        auto d = s.onPacket(layer(sid, temporal, keyframe, switching_up));
        if (d.forward) out += std::to_string(sid) + (d.marker ? "M" : "");
    }
    return out;
}

} // namespace

TEST(SdkSvcSelector, StartsAtAKeyframeWithEveryLayer) {
    SvcSelector s;
    auto d = s.onPacket(layer(0, 0));
    EXPECT_FALSE(d.forward);
    EXPECT_TRUE(d.want_keyframe);
    EXPECT_EQ(picture(s, 0, true), "012M");
    EXPECT_EQ(picture(s, 1), "012M");
}

TEST(SdkSvcSelector, SpatialDownAtOncePictureEndsAtTheTopLayerKept) {
    SvcSelector s;
    picture(s, 0, true);
    s.setTarget(0, -1);
    EXPECT_EQ(picture(s), "0M");
    s.setTarget(1, -1);
    // Up needs a keyframe: until then layer 0 only, and a keyframe is wanted.
    SvcSelector::Decision d = s.onPacket(layer(0, 0));
    EXPECT_TRUE(d.forward);
    EXPECT_TRUE(d.want_keyframe);
    EXPECT_FALSE(s.onPacket(layer(1, 0)).forward);
    EXPECT_FALSE(s.onPacket(layer(2, 0)).forward);
    EXPECT_EQ(picture(s, 0, true), "01M");
    EXPECT_EQ(s.currentSpatial(), 1);
}

TEST(SdkSvcSelector, TemporalUpWaitsForASwitchingPoint) {
    SvcSelector s;
    s.setTarget(-1, 0);
    picture(s, 0, true);
    EXPECT_EQ(picture(s, 1), "");
    EXPECT_EQ(picture(s, 0), "012M");
    s.setTarget(-1, 2);
    EXPECT_EQ(picture(s, 2), ""); // no switching point yet
    EXPECT_EQ(picture(s, 2, false, true), "012M");
    EXPECT_EQ(s.currentTemporal(), 2);
    s.setTarget(-1, 1);
    EXPECT_EQ(picture(s, 2), ""); // down at once
    EXPECT_EQ(picture(s, 1), "012M");
}
