#include "sdp/answerer.hpp"

#include "sdp/header_extensions.hpp"
#include "sdp/writer.hpp"
#include "sdp_fixtures.hpp"

#include <gtest/gtest.h>

using namespace portunus::sdp;
using namespace portunus::sdp::testing;

namespace {
std::vector<std::string> mids(const SessionDescription &d) {
    std::vector<std::string> out;
    for (const auto &m : d.media) out.push_back(m.mid);
    return out;
}

std::vector<std::string> uris(const MediaSection &m) {
    std::vector<std::string> out;
    for (const auto &e : m.extmaps) out.push_back(std::to_string(e.id) + " " + e.uri);
    return out;
}
} // namespace

TEST(SdpAnswerer, AnswersChromiumAudioVideoData) {
    auto offer = fixture("chromium_audio_video_data_offer.sdp");
    auto a = answer(offer);
    ASSERT_EQ(a.media.size(), 3u);
    EXPECT_EQ(mids(a), (std::vector<std::string>{"0", "1", "2"}));
    ASSERT_EQ(a.groups.size(), 1u);
    EXPECT_EQ(a.groups[0], (Group{"BUNDLE", {"0", "1", "2"}}));
    EXPECT_TRUE(a.extmapAllowMixed);

    const MediaSection &audio = a.media[0];
    EXPECT_EQ(audio.kind, MediaKind::Audio);
    EXPECT_EQ(audio.port, 9u);
    EXPECT_EQ(audio.protocol, "UDP/TLS/RTP/SAVPF");
    EXPECT_EQ(audio.formats, (std::vector<std::string>{"111"}));
    EXPECT_EQ(audio.rtpmaps, (std::vector<Rtpmap>{{111, "opus", 48000, 2}}));
    EXPECT_EQ(audio.fmtps, (std::vector<Fmtp>{{111, "minptime=10;useinbandfec=1"}}));
    EXPECT_EQ(audio.rtcpFbs, (std::vector<RtcpFb>{{111, "transport-cc", ""}}));
    EXPECT_EQ(audio.direction, Direction::SendRecv);
    EXPECT_TRUE(audio.rtcpMux);
    EXPECT_TRUE(audio.rtcpRsize);
    EXPECT_EQ(uris(audio),
              (std::vector<std::string>{"1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
                                        "2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
                                        "3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
                                        "4 urn:ietf:params:rtp-hdrext:sdes:mid"}));
    // No ICE/DTLS yet, no SSRCs of ours, nothing the offer had that we do not do.
    EXPECT_FALSE(audio.iceUfrag);
    EXPECT_TRUE(audio.fingerprints.empty());
    EXPECT_FALSE(audio.setup);
    EXPECT_TRUE(audio.candidates.empty());
    EXPECT_TRUE(audio.ssrcs.empty());
    EXPECT_TRUE(audio.otherAttributes.empty());

    const MediaSection &video = a.media[1];
    EXPECT_EQ(video.formats, (std::vector<std::string>{"96", "97"}));
    EXPECT_EQ(video.rtpmaps, (std::vector<Rtpmap>{{96, "VP8", 90000, 0}, {97, "rtx", 90000, 0}}));
    EXPECT_EQ(video.fmtps, (std::vector<Fmtp>{{97, "apt=96"}}));
    EXPECT_EQ(video.rtcpFbs, (std::vector<RtcpFb>{{96, "goog-remb", ""},
                                                  {96, "transport-cc", ""},
                                                  {96, "ccm", "fir"},
                                                  {96, "nack", ""},
                                                  {96, "nack", "pli"}}));
    EXPECT_EQ(uris(video),
              (std::vector<std::string>{
                  "2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time", "13 urn:3gpp:video-orientation",
                  "3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
                  "4 urn:ietf:params:rtp-hdrext:sdes:mid", "10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id",
                  "11 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id"}));

    const MediaSection &data = a.media[2];
    EXPECT_EQ(data.kind, MediaKind::Application);
    EXPECT_EQ(data.port, 9u);
    EXPECT_EQ(data.protocol, "UDP/DTLS/SCTP");
    EXPECT_EQ(data.formats, (std::vector<std::string>{"webrtc-datachannel"}));
    EXPECT_EQ(data.sctpPort, 5000u);
    EXPECT_EQ(data.maxMessageSize, 262144u);
    EXPECT_TRUE(data.rtpmaps.empty());

    EXPECT_EQ(parseText(write(a)), a);
}

TEST(SdpAnswerer, PicksTheFirstPreferenceTheOfferHas) {
    auto offer = fixture("chromium_audio_video_data_offer.sdp");
    AnswerOptions options;
    options.videoCodecs = {{"H264", 90000, 0, {{"packetization-mode", "1"}, {"profile-level-id", "42e01f"}}}};
    auto a = answer(offer, options);
    EXPECT_EQ(a.media[1].formats, (std::vector<std::string>{"108", "109"}));
    EXPECT_EQ(a.media[1].fmtp(108)->parameters,
              "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f");
    EXPECT_EQ(a.media[1].fmtp(109)->parameters, "apt=108");

    options.videoCodecs = {{"VP9", 90000, 0, {{"profile-id", "0"}}}};
    EXPECT_EQ(answer(offer, options).media[1].formats, (std::vector<std::string>{"98", "99"}));
    options.videoCodecs = {{"VP9", 90000, 0, {{"profile-id", "2"}}}};
    EXPECT_EQ(answer(offer, options).media[1].formats, (std::vector<std::string>{"100", "101"}));
    options.videoCodecs = {{"AV1", 90000, 0, {{"profile", "0"}}}};
    EXPECT_EQ(answer(offer, options).media[1].formats, (std::vector<std::string>{"45", "46"}));
}

TEST(SdpAnswerer, H264NeedsPacketizationModeOneAndPrefersConstrainedBaseline) {
    std::string video = "m=video 9 UDP/TLS/RTP/SAVPF 102 103 104 116\r\na=mid:v\r\na=rtcp-mux\r\n"
                        "a=rtpmap:102 H264/90000\r\n"
                        "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f\r\n"
                        "a=rtpmap:103 rtx/90000\r\na=fmtp:103 apt=102\r\n"
                        "a=rtpmap:104 H264/90000\r\n"
                        "a=fmtp:104 packetization-mode=1;profile-level-id=42e034\r\n"
                        "a=rtpmap:116 H264/90000\r\na=fmtp:116 profile-level-id=42e01f\r\n";
    auto offer = parseText(minimalOffer(video));
    offer.groups[0].mids.push_back("v");
    // 42e034 is constrained baseline at level 5.2: the profile matches, the level may differ.
    EXPECT_EQ(answer(offer).media[1].formats, (std::vector<std::string>{"104"}));
    // Without it, main profile with packetization-mode=1 comes next; 116 (mode 0) never.
    auto setFmtp = [&](int pt, std::string params) {
        for (auto &f : offer.media[1].fmtps)
            if (f.payloadType == pt) f.parameters = std::move(params);
    };
    setFmtp(104, "packetization-mode=0;profile-level-id=42e01f");
    EXPECT_EQ(answer(offer).media[1].formats, (std::vector<std::string>{"102", "103"}));
    setFmtp(102, "profile-level-id=4d001f");
    auto a = answer(offer);
    EXPECT_EQ(a.media[1].port, 0u);
    EXPECT_EQ(a.groups[0].mids, (std::vector<std::string>{"a"}));
}

TEST(SdpAnswerer, SimulcastOfferGetsRecvSimulcast) {
    auto offer = fixture("chromium_video_simulcast_offer.sdp");
    auto a = answer(offer);
    const MediaSection &v = a.media[0];
    EXPECT_EQ(v.direction, Direction::RecvOnly);
    EXPECT_EQ(v.rids, (std::vector<Rid>{{"h", RidDirection::Recv, {}, {}},
                                        {"m", RidDirection::Recv, {}, {}},
                                        {"l", RidDirection::Recv, {}, {}}}));
    ASSERT_TRUE(v.simulcast);
    EXPECT_TRUE(v.simulcast->send.empty());
    EXPECT_EQ(v.simulcast->recv, offer.media[0].simulcast->send);
    std::string text = write(a);
    EXPECT_NE(text.find("a=rid:h recv\r\na=rid:m recv\r\na=rid:l recv\r\na=simulcast:recv h;m;l\r\n"),
              std::string::npos)
        << text;
}

TEST(SdpAnswerer, SimulcastKeepsOnlyRidsOfKeptPayloadTypes) {
    auto offer = parseText(minimalOffer("a=rid:a send pt=111;max-br=1\r\na=rid:b send pt=0\r\n"
                                        "a=simulcast:send a,b;~b\r\n"));
    auto a = answer(offer);
    EXPECT_EQ(a.media[0].rids, (std::vector<Rid>{{"a", RidDirection::Recv, {111}, {{"max-br", "1"}}}}));
    EXPECT_EQ(a.media[0].simulcast->recv, (std::vector<SimulcastStream>{{{"a", false}}}));
}

TEST(SdpAnswerer, DirectionFollowsOfferAndPlugin) {
    auto offer = parseText(minimalOffer());
    struct Case {
        Direction offered, wanted, expected;
    } cases[] = {
        {Direction::SendRecv, Direction::SendRecv, Direction::SendRecv},
        {Direction::SendOnly, Direction::SendRecv, Direction::RecvOnly},
        {Direction::RecvOnly, Direction::SendRecv, Direction::SendOnly},
        {Direction::SendRecv, Direction::RecvOnly, Direction::RecvOnly},
        {Direction::RecvOnly, Direction::RecvOnly, Direction::Inactive},
        {Direction::Inactive, Direction::SendRecv, Direction::Inactive},
    };
    for (const auto &c : cases) {
        offer.media[0].direction = c.offered;
        AnswerOptions options;
        options.sections["a"].direction = c.wanted;
        EXPECT_EQ(answer(offer, options).media[0].direction, c.expected)
            << toString(c.offered) << " offered, plugin wants " << toString(c.wanted);
    }
}

TEST(SdpAnswerer, RejectedSectionsStayWithPortZero) {
    auto offer = fixture("chromium_audio_video_data_offer.sdp");
    AnswerOptions options;
    options.sections["1"].accept = false;
    options.acceptDataChannels = false;
    auto a = answer(offer, options);
    ASSERT_EQ(a.media.size(), 3u);
    EXPECT_EQ(mids(a), (std::vector<std::string>{"0", "1", "2"}));
    EXPECT_EQ(a.media[0].port, 9u);
    for (size_t i : {1u, 2u}) {
        EXPECT_EQ(a.media[i].port, 0u);
        EXPECT_TRUE(a.media[i].rejected());
        EXPECT_EQ(a.media[i].formats, offer.media[i].formats);
        EXPECT_EQ(a.media[i].protocol, offer.media[i].protocol);
        EXPECT_TRUE(a.media[i].rtpmaps.empty());
    }
    EXPECT_EQ(a.media[1].direction, Direction::Inactive);
    EXPECT_EQ(a.groups[0].mids, (std::vector<std::string>{"0"}));
    EXPECT_EQ(parseText(write(a)), a);
}

TEST(SdpAnswerer, RejectsWhatItCannotDo) {
    // Not in the offer's BUNDLE group, no mid, rejected by the offer, plain RTP, no codec we take, other media.
    std::string extra = "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:unbundled\r\na=rtpmap:96 VP8/90000\r\n"
                        "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:96 VP8/90000\r\n"
                        "m=video 0 UDP/TLS/RTP/SAVPF 96\r\na=mid:off\r\na=rtpmap:96 VP8/90000\r\n"
                        "m=video 9 RTP/AVP 96\r\na=mid:plain\r\na=rtpmap:96 VP8/90000\r\n"
                        "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:pcmu\r\na=rtpmap:0 PCMU/8000\r\n"
                        "m=text 9 UDP/TLS/RTP/SAVPF 98\r\na=mid:text\r\n";
    auto offer = parseText(minimalOffer(extra));
    offer.groups[0].mids = {"a", "off", "plain", "pcmu", "text"};
    auto a = answer(offer);
    ASSERT_EQ(a.media.size(), 7u);
    EXPECT_EQ(a.media[0].port, 9u);
    for (size_t i = 1; i < 7; ++i) EXPECT_EQ(a.media[i].port, 0u) << i;
    EXPECT_EQ(a.media[2].mid, "");
    EXPECT_EQ(a.media[6].otherMedia, "text");
    EXPECT_EQ(a.groups[0].mids, (std::vector<std::string>{"a"}));
}

TEST(SdpAnswerer, AudioCodecPreferenceAndNoBundleOffer) {
    auto offer = fixture("chromium_audio_only_offer.sdp");
    offer.groups.clear();
    AnswerOptions options;
    options.audioCodecs = {{"G722", 8000, 0, {}}, {"opus", 48000, 2, {}}};
    auto a = answer(offer, options);
    EXPECT_EQ(a.media[0].formats, (std::vector<std::string>{"9"}));
    EXPECT_TRUE(a.groups.empty());
}

TEST(SdpAnswerer, DataChannelMaxMessageSizeAndLegacyForm) {
    auto offer = fixture("chromium_audio_video_data_offer.sdp");
    offer.media[2].maxMessageSize = 65536;
    EXPECT_EQ(answer(offer).media[2].maxMessageSize, 65536u);
    offer.media[2].maxMessageSize.reset();
    EXPECT_EQ(answer(offer).media[2].maxMessageSize, 262144u);

    auto legacy = parseText("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                            "m=application 9 DTLS/SCTP 5000\r\na=mid:d\r\na=sctpmap:5000 webrtc-datachannel\r\n");
    auto a = answer(legacy);
    EXPECT_EQ(a.media[0].formats, (std::vector<std::string>{"5000"}));
    EXPECT_EQ(a.media[0].sctpmap, (Sctpmap{5000, "webrtc-datachannel", 1024}));
    EXPECT_FALSE(a.media[0].sctpPort);
}

TEST(SdpAnswerer, ExtmapsAndFeedbackAreLimitedToWhatWeSupport) {
    auto offer = parseText(minimalOffer("a=extmap:1/sendonly urn:ietf:params:rtp-hdrext:sdes:mid\r\n"
                                        "a=extmap:2 urn:ietf:params:rtp-hdrext:toffset\r\n"
                                        "a=rtcp-fb:* nack\r\na=rtcp-fb:111 nack\r\na=rtcp-fb:111 ccm tmmbr\r\n"));
    offer.extmaps.push_back({5, std::nullopt, std::string(extension_uri::kAbsSendTime), ""});
    offer.extmaps.push_back({1, std::nullopt, std::string(extension_uri::kAudioLevel), ""}); // id taken: dropped
    auto a = answer(offer);
    EXPECT_EQ(a.media[0].extmaps,
              (std::vector<Extmap>{{1, Direction::RecvOnly, "urn:ietf:params:rtp-hdrext:sdes:mid", ""},
                                   {5, std::nullopt, std::string(extension_uri::kAbsSendTime), ""}}));
    EXPECT_EQ(a.media[0].rtcpFbs, (std::vector<RtcpFb>{{111, "nack", ""}}));

    AnswerOptions options;
    options.headerExtensions = {};
    options.feedback = {};
    a = answer(offer, options);
    EXPECT_TRUE(a.media[0].extmaps.empty());
    EXPECT_TRUE(a.media[0].rtcpFbs.empty());
}

TEST(SdpAnswerer, AnswersEveryOfferFixture) {
    for (const char *name : {"chromium_audio_video_data_offer.sdp", "chromium_audio_video_data_ice_restart_offer.sdp",
                             "chromium_video_simulcast_offer.sdp", "chromium_audio_only_offer.sdp"}) {
        SCOPED_TRACE(name);
        auto offer = fixture(name);
        auto a = answer(offer);
        EXPECT_EQ(mids(a), mids(offer));
        ASSERT_EQ(a.media.size(), offer.media.size());
        for (size_t i = 0; i < a.media.size(); ++i) {
            EXPECT_EQ(a.media[i].kind, offer.media[i].kind);
            EXPECT_FALSE(a.media[i].rejected());
            if (!a.media[i].isRtp()) continue;
            // The chosen codec first, then only its RTX, all under the offer's numbers.
            auto pts = a.media[i].payloadTypes();
            ASSERT_FALSE(pts.empty());
            ASSERT_LE(pts.size(), 2u);
            EXPECT_EQ(offer.media[i].rtpmap(pts[0])->encoding, a.media[i].rtpmap(pts[0])->encoding);
            if (pts.size() == 2) {
                EXPECT_EQ(a.media[i].fmtp(pts[1])->parameter("apt"), std::to_string(pts[0]));
            }
        }
        EXPECT_EQ(a.groups, offer.groups);
        EXPECT_EQ(parseText(write(a)), a);
    }
}
