#include "sdp/remote_media.hpp"

#include "sdp/answerer.hpp"
#include "sdp_fixtures.hpp"

#include <gtest/gtest.h>

using namespace portunus::sdp;
using namespace portunus::sdp::testing;

TEST(SdpRemoteMedia, SummarisesAChromiumOfferAndOurAnswer) {
    auto offer = fixture("chromium_audio_video_data_offer.sdp");
    auto ours = answer(offer);
    auto remote = remoteMedia(offer, ours);
    ASSERT_TRUE(remote);
    const RemoteTransport &t = remote->transport;
    EXPECT_EQ(t.mid, "0");
    EXPECT_EQ(t.iceUfrag, "/75r");
    EXPECT_EQ(t.icePwd, "GOVVXWD0UEnyqhLafR9dldri");
    EXPECT_EQ(t.fingerprint.hashFunction, "sha-256");
    EXPECT_EQ(t.setup, Setup::ActPass);
    EXPECT_EQ(t.candidates, offer.media[0].candidates);
    EXPECT_EQ(t.iceOptions, (std::vector<std::string>{"trickle"}));

    ASSERT_EQ(remote->sections.size(), 3u);
    const RemoteSection &audio = remote->sections[0];
    EXPECT_EQ(audio.mid, "0");
    EXPECT_EQ(audio.kind, MediaKind::Audio);
    EXPECT_EQ(audio.payloadType, 111);
    EXPECT_EQ(audio.rtxPayloadType, std::nullopt);
    EXPECT_EQ(audio.codec, "opus");
    EXPECT_EQ(audio.clockRate, 48000u);
    EXPECT_EQ(audio.channels, 2u);
    EXPECT_EQ(audio.streams, (std::vector<RemoteStream>{{2961065783u, std::nullopt, "tPoXmhrz8LT2UHOs"}}));
    EXPECT_EQ(audio.extensions.audioLevel, 1);
    EXPECT_EQ(audio.extensions.mid, 4);
    EXPECT_EQ(audio.extensions.videoOrientation, 0);

    const RemoteSection &video = remote->sections[1];
    EXPECT_EQ(video.payloadType, 96);
    EXPECT_EQ(video.rtxPayloadType, 97);
    EXPECT_EQ(video.codec, "VP8");
    EXPECT_EQ(video.streams, (std::vector<RemoteStream>{{2051315653u, 3752435732u, "tPoXmhrz8LT2UHOs"}}));
    EXPECT_EQ(video.extensions.rid, 10);
    EXPECT_EQ(video.extensions.repairedRid, 11);
    EXPECT_EQ(video.extensions.transportCc, 3);
    EXPECT_TRUE(video.rids.empty());
    EXPECT_TRUE(video.rtcpMux);

    const RemoteSection &data = remote->sections[2];
    EXPECT_EQ(data.kind, MediaKind::Application);
    EXPECT_FALSE(data.payloadType);
    EXPECT_EQ(data.sctpPort, 5000u);
    EXPECT_EQ(data.maxMessageSize, 262144u);
}

TEST(SdpRemoteMedia, SimulcastRids) {
    auto offer = fixture("chromium_video_simulcast_offer.sdp");
    auto remote = remoteMedia(offer, answer(offer));
    ASSERT_TRUE(remote);
    ASSERT_EQ(remote->sections.size(), 1u);
    EXPECT_EQ(remote->sections[0].rids, (std::vector<std::string>{"h", "m", "l"}));
    EXPECT_EQ(remote->sections[0].direction, Direction::SendOnly);
}

TEST(SdpRemoteMedia, SsrcSimulcastWithRtx) {
    auto offer = parseText(minimalOffer("a=ssrc-group:FID 1 11\r\na=ssrc-group:FID 2 12\r\na=ssrc-group:FID 3 13\r\n"
                                        "a=ssrc-group:SIM 3 2 1\r\n"
                                        "a=ssrc:1 cname:c\r\na=ssrc:11 cname:c\r\na=ssrc:2 cname:c\r\n"
                                        "a=ssrc:12 cname:c\r\na=ssrc:3 cname:c\r\na=ssrc:13 cname:c\r\n"));
    auto remote = remoteMedia(offer, answer(offer));
    ASSERT_TRUE(remote);
    EXPECT_EQ(remote->sections[0].streams, (std::vector<RemoteStream>{{3, 13u, "c"}, {2, 12u, "c"}, {1, 11u, "c"}}));
}

TEST(SdpRemoteMedia, RemoteAnswerToOurOffer) {
    auto theirs = fixture("chromium_audio_video_data_answer.sdp");
    auto remote = remoteMedia(theirs, theirs);
    ASSERT_TRUE(remote);
    EXPECT_EQ(remote->transport.setup, Setup::Active);
    EXPECT_EQ(remote->transport.candidates, theirs.media[0].candidates);
    EXPECT_EQ(remote->sections.size(), 3u);
    EXPECT_EQ(remote->sections[1].payloadType, 96);
    EXPECT_EQ(remote->sections[1].rtxPayloadType, 97);
}

TEST(SdpRemoteMedia, TransportOfTheFirstAcceptedBundledSection) {
    auto offer = fixture("chromium_audio_video_data_offer.sdp");
    AnswerOptions options;
    options.sections["0"].accept = false;
    auto ours = answer(offer, options);
    auto remote = remoteMedia(offer, ours);
    ASSERT_TRUE(remote);
    EXPECT_EQ(remote->transport.mid, "1");
    EXPECT_EQ(remote->transport.candidates, offer.media[1].candidates);
    EXPECT_EQ(remote->sections.size(), 2u);
    EXPECT_EQ(remote->sections[0].index, 1u);

    offer.media[0].port = 0;
    EXPECT_EQ(bundledTransport(offer)->mid, "1");
    EXPECT_EQ(bundledTransport(offer, "2")->mid, "2");
    EXPECT_FALSE(bundledTransport(offer, "nope"));
}

TEST(SdpRemoteMedia, NothingUsable) {
    auto offer = fixture("chromium_audio_only_offer.sdp");
    auto ours = answer(offer);
    auto other = fixture("chromium_audio_video_data_offer.sdp");
    EXPECT_FALSE(remoteMedia(other, ours)); // different sections
    offer.media[0].iceUfrag.reset();
    EXPECT_FALSE(remoteMedia(offer, ours)); // no ufrag
    AnswerOptions options;
    options.defaults.accept = false;
    offer = fixture("chromium_audio_only_offer.sdp");
    EXPECT_FALSE(remoteMedia(offer, answer(offer, options))); // nothing accepted
}
