#include "sdp/offerer.hpp"

#include "sdp/header_extensions.hpp"
#include "sdp/parser.hpp"
#include "sdp/writer.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

using namespace portunus::sdp;

namespace {

OfferStream audio(std::string mid) {
    OfferStream s;
    s.kind = MediaKind::Audio;
    s.mid = std::move(mid);
    s.codec = "opus";
    s.payloadType = 111;
    s.fmtp = "minptime=10;useinbandfec=1";
    s.msidStream = "feed1";
    s.msidTrack = "audio0";
    return s;
}

OfferStream video(std::string mid) {
    OfferStream s;
    s.kind = MediaKind::Video;
    s.mid = std::move(mid);
    s.codec = "vp8";
    s.payloadType = 96;
    s.rtxPayloadType = 97;
    return s;
}

} // namespace

TEST(SdpOfferer, AudioVideoAndData) {
    OfferStream data;
    data.kind = MediaKind::Application;
    data.mid = "2";
    SessionDescription d = offer({{audio("0"), video("1"), data}});
    ASSERT_EQ(d.media.size(), 3u);
    ASSERT_EQ(d.groups.size(), 1u);
    EXPECT_EQ(d.groups[0], (Group{"BUNDLE", {"0", "1", "2"}}));

    const MediaSection &a = d.media[0];
    EXPECT_EQ(a.direction, Direction::SendOnly);
    EXPECT_EQ(a.rtpmaps, (std::vector<Rtpmap>{{111, "opus", 48000, 2}}));
    EXPECT_EQ(a.fmtps, (std::vector<Fmtp>{{111, "minptime=10;useinbandfec=1"}}));
    EXPECT_TRUE(a.rtcpMux);
    EXPECT_EQ(headerExtensionIds(a).mid, kOfferMidExtensionId);
    EXPECT_EQ(headerExtensionIds(a).audioLevel, kOfferAudioLevelExtensionId);
    EXPECT_EQ(a.msids, (std::vector<Msid>{{"feed1", "audio0"}}));

    const MediaSection &v = d.media[1];
    EXPECT_EQ(v.formats, (std::vector<std::string>{"96", "97"}));
    EXPECT_EQ(v.rtpmaps[0], (Rtpmap{96, "VP8", 90000, 0}));
    EXPECT_EQ(v.rtxFor(96), 97);
    EXPECT_EQ(headerExtensionIds(v).mid, kOfferMidExtensionId);
    EXPECT_EQ(headerExtensionIds(v).audioLevel, 0);
    EXPECT_EQ(v.rtcpFbFor(96).size(), 4u); // nack, nack pli, ccm fir, goog-remb

    const MediaSection &dc = d.media[2];
    EXPECT_TRUE(dc.isSctp());
    EXPECT_EQ(dc.formats, (std::vector<std::string>{"webrtc-datachannel"}));
    EXPECT_EQ(dc.sctpPort, 5000u);
}

TEST(SdpOfferer, InactiveStreamKeepsItsPlaceOutsideBundle) {
    OfferStream gone = video("1");
    gone.active = false;
    SessionDescription d = offer({{audio("0"), gone, video("2")}});
    ASSERT_EQ(d.media.size(), 3u);
    EXPECT_TRUE(d.media[1].rejected());
    EXPECT_EQ(d.media[1].mid, "1");
    EXPECT_EQ(d.media[1].direction, Direction::Inactive);
    EXPECT_EQ(d.groups[0].mids, (std::vector<std::string>{"0", "2"}));
}

TEST(SdpOfferer, WrittenOfferParsesBack) {
    SessionDescription d = offer({{audio("a"), video("v")}});
    SessionDescription parsed;
    std::string error;
    ASSERT_TRUE(parse(write(d), parsed, error)) << error;
    ASSERT_EQ(parsed.media.size(), 2u);
    EXPECT_EQ(parsed.media[1].mid, "v");
    EXPECT_EQ(parsed.media[1].rtxFor(96), 97);
}

TEST(SdpOfferer, RefusesWhatCannotBeOffered) {
    EXPECT_THROW(offer({{audio("")}}), std::invalid_argument);
    EXPECT_THROW(offer({{audio("0"), audio("0")}}), std::invalid_argument);
    OfferStream unknown = video("1");
    unknown.codec = "theora";
    EXPECT_THROW(offer({{unknown}}), std::invalid_argument);
    OfferStream wrong_kind = audio("1");
    wrong_kind.codec = "VP8";
    EXPECT_THROW(offer({{wrong_kind}}), std::invalid_argument);
    OfferStream bad_pt = audio("1");
    bad_pt.payloadType = 128;
    EXPECT_THROW(offer({{bad_pt}}), std::invalid_argument);
    // BUNDLE: one payload type, one codec.
    OfferStream h264 = video("2");
    h264.codec = "H264";
    EXPECT_THROW(offer({{video("1"), h264}}), std::invalid_argument);
    EXPECT_NO_THROW(offer({{video("1"), video("2")}}));
}
