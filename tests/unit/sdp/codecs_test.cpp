#include "sdp/codecs.hpp"

#include "sdp/simulcast.hpp"
#include "sdp_fixtures.hpp"

#include <gtest/gtest.h>

using namespace portunus::sdp;
using namespace portunus::sdp::testing;

TEST(SdpCodecs, H264Profiles) {
    EXPECT_EQ(h264Profile("42e01f"), H264Profile::ConstrainedBaseline);
    EXPECT_EQ(h264Profile("42E034"), H264Profile::ConstrainedBaseline);
    EXPECT_EQ(h264Profile("4d801f"), H264Profile::ConstrainedBaseline);
    EXPECT_EQ(h264Profile("4d401f"), H264Profile::Main);
    EXPECT_EQ(h264Profile("42001f"), H264Profile::Baseline);
    EXPECT_EQ(h264Profile("4d001f"), H264Profile::Main);
    EXPECT_EQ(h264Profile("640c1f"), H264Profile::ConstrainedHigh);
    EXPECT_EQ(h264Profile("64001f"), H264Profile::High);
    EXPECT_EQ(h264Profile("f4001f"), H264Profile::PredictiveHigh444);
    EXPECT_EQ(h264Profile("42e01"), std::nullopt);
    EXPECT_EQ(h264Profile("zze01f"), std::nullopt);
    EXPECT_EQ(h264Profile("43001f"), std::nullopt);
}

TEST(SdpCodecs, MatchesWithRfcDefaults) {
    auto d = fixture("chromium_audio_video_data_offer.sdp");
    const MediaSection &v = d.media[1];
    const MediaSection &a = d.media[0];
    EXPECT_TRUE(matchesCodec({"vp8", 90000, 0, {}}, v, 96));
    EXPECT_FALSE(matchesCodec({"VP8", 48000, 0, {}}, v, 96));
    EXPECT_TRUE(matchesCodec({"opus", 48000, 2, {}}, a, 111));
    EXPECT_FALSE(matchesCodec({"opus", 48000, 1, {}}, a, 111));
    EXPECT_TRUE(matchesCodec({"PCMU", 8000, 1, {}}, a, 0)); // no channels in the rtpmap means 1
    // VP9 without profile-id is profile 0.
    MediaSection vp9 = v;
    vp9.fmtps.erase(
        std::remove_if(vp9.fmtps.begin(), vp9.fmtps.end(), [](const Fmtp &f) { return f.payloadType == 98; }),
        vp9.fmtps.end());
    EXPECT_TRUE(matchesCodec({"VP9", 90000, 0, {{"profile-id", "0"}}}, vp9, 98));
    EXPECT_FALSE(matchesCodec({"VP9", 90000, 0, {{"profile-id", "0"}}}, v, 100));
    // H264 without packetization-mode is mode 0; the level does not matter.
    EXPECT_FALSE(matchesCodec({"H264", 90000, 0, {{"packetization-mode", "1"}}}, v, 104));
    EXPECT_TRUE(matchesCodec({"H264", 90000, 0, {{"profile-level-id", "42e034"}}}, v, 108));
    EXPECT_FALSE(matchesCodec({"H264", 90000, 0, {{"profile-level-id", "42e01f"}}}, v, 102));
    EXPECT_FALSE(matchesCodec({"VP8", 90000, 0, {}}, v, 5)); // not offered
}

TEST(SdpCodecs, ChooseCodecWithRtx) {
    auto d = fixture("chromium_audio_video_data_offer.sdp");
    EXPECT_EQ(chooseCodec(d.media[1], defaultVideoCodecs()), (CodecChoice{96, 97}));
    EXPECT_EQ(chooseCodec(d.media[0], defaultAudioCodecs()), (CodecChoice{111, std::nullopt}));
    EXPECT_EQ(chooseCodec(d.media[0], {{"iLBC", 8000, 0, {}}}), std::nullopt);
}

TEST(SdpSimulcast, RidAndSimulcastText) {
    Rid rid;
    std::string error;
    ASSERT_TRUE(parseRid("h send pt=96,97;max-width=1280;max-fps=30", rid, error)) << error;
    EXPECT_EQ(rid, (Rid{"h", RidDirection::Send, {96, 97}, {{"max-width", "1280"}, {"max-fps", "30"}}}));
    EXPECT_EQ(formatRid(rid), "h send pt=96,97;max-width=1280;max-fps=30");
    EXPECT_FALSE(parseRid("h", rid, error));
    EXPECT_FALSE(parseRid("h! send", rid, error));
    EXPECT_FALSE(parseRid("h send pt=300", rid, error));
    EXPECT_EQ(error, "rid pt '300' is not a payload type (0-127)");

    Simulcast s;
    ASSERT_TRUE(parseSimulcast("recv 1,~2;3 send 4", s, error)) << error;
    EXPECT_EQ(s.recv, (std::vector<SimulcastStream>{{{"1", false}, {"2", true}}, {{"3", false}}}));
    EXPECT_EQ(s.send, (std::vector<SimulcastStream>{{{"4", false}}}));
    EXPECT_EQ(formatSimulcast(s), "send 4 recv 1,~2;3");
    EXPECT_FALSE(parseSimulcast("send", s, error));
    EXPECT_FALSE(parseSimulcast("send a send b", s, error));
    EXPECT_FALSE(parseSimulcast("both a", s, error));
    EXPECT_FALSE(parseSimulcast("send a,,b", s, error));
    EXPECT_TRUE(isValidRidId("a-b_C9"));
    EXPECT_FALSE(isValidRidId(std::string(256, 'a')));
}
