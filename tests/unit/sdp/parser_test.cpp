#include "sdp/parser.hpp"

#include "sdp_fixtures.hpp"

#include <gtest/gtest.h>

using namespace portunus::sdp;
using namespace portunus::sdp::testing;

TEST(SdpParser, ChromiumAudioVideoDataOfferSessionLevel) {
    auto d = fixture("chromium_audio_video_data_offer.sdp");
    EXPECT_EQ(d.version, 0u);
    EXPECT_EQ(d.origin.username, "-");
    EXPECT_EQ(d.origin.sessionId, "2830668675644141382");
    EXPECT_EQ(d.origin.sessionVersion, 2u);
    EXPECT_EQ(d.origin.address, "127.0.0.1");
    EXPECT_EQ(d.sessionName, "-");
    ASSERT_EQ(d.groups.size(), 1u);
    EXPECT_EQ(d.groups[0].semantics, "BUNDLE");
    EXPECT_EQ(d.groups[0].mids, (std::vector<std::string>{"0", "1", "2"}));
    EXPECT_TRUE(d.extmapAllowMixed);
    EXPECT_EQ(d.msidSemantic, "WMS b2a55c74-1511-42e6-a37c-a134e904f479");
    EXPECT_FALSE(d.iceLite);
    ASSERT_EQ(d.media.size(), 3u);
    EXPECT_EQ(d.media[0].kind, MediaKind::Audio);
    EXPECT_EQ(d.media[1].kind, MediaKind::Video);
    EXPECT_EQ(d.media[2].kind, MediaKind::Application);
}

TEST(SdpParser, ChromiumAudioSection) {
    auto d = fixture("chromium_audio_video_data_offer.sdp");
    const MediaSection &a = d.media[0];
    EXPECT_EQ(a.port, 56291u);
    EXPECT_EQ(a.protocol, "UDP/TLS/RTP/SAVPF");
    EXPECT_EQ(a.formats, (std::vector<std::string>{"111", "63", "9", "0", "8", "13", "110", "126"}));
    EXPECT_EQ(a.connection, (Connection{"IN", "IP4", "192.0.2.2"}));
    EXPECT_EQ(a.rtcp, "9 IN IP4 0.0.0.0");
    EXPECT_EQ(a.mid, "0");
    EXPECT_EQ(a.direction, Direction::SendRecv);
    EXPECT_EQ(a.iceUfrag, "/75r");
    EXPECT_EQ(a.icePwd, "GOVVXWD0UEnyqhLafR9dldri");
    EXPECT_EQ(a.iceOptions, (std::vector<std::string>{"trickle"}));
    ASSERT_EQ(a.fingerprints.size(), 1u);
    EXPECT_EQ(a.fingerprints[0].hashFunction, "sha-256");
    EXPECT_TRUE(a.fingerprints[0].value.starts_with("F5:CE:70"));
    EXPECT_EQ(a.setup, Setup::ActPass);
    ASSERT_EQ(a.candidates.size(), 4u);
    EXPECT_EQ(a.candidates[1],
              "candidate:3294747619 1 udp 2122265343 fd00::2 37780 typ host generation 0 network-id 2");
    EXPECT_TRUE(a.rtcpMux);
    EXPECT_TRUE(a.rtcpRsize);
    ASSERT_NE(a.rtpmap(111), nullptr);
    EXPECT_EQ(*a.rtpmap(111), (Rtpmap{111, "opus", 48000, 2}));
    EXPECT_EQ(*a.rtpmap(0), (Rtpmap{0, "PCMU", 8000, 0}));
    ASSERT_NE(a.fmtp(111), nullptr);
    EXPECT_EQ(a.fmtp(111)->parameter("useinbandfec"), "1");
    EXPECT_EQ(a.fmtp(111)->parameter("minptime"), "10");
    EXPECT_EQ(a.fmtp(111)->parameter("stereo"), std::nullopt);
    EXPECT_EQ(a.rtcpFbFor(111), (std::vector<RtcpFb>{{111, "transport-cc", ""}}));
    ASSERT_EQ(a.extmaps.size(), 4u);
    EXPECT_EQ(a.extmaps[0], (Extmap{1, std::nullopt, "urn:ietf:params:rtp-hdrext:ssrc-audio-level", ""}));
    ASSERT_EQ(a.msids.size(), 1u);
    EXPECT_EQ(a.msids[0].stream, "b2a55c74-1511-42e6-a37c-a134e904f479");
    EXPECT_EQ(a.ssrcList(), (std::vector<uint32_t>{2961065783u}));
    EXPECT_EQ(a.ssrcAttribute(2961065783u, "cname"), "tPoXmhrz8LT2UHOs");
    // a=rtcp-xr is not modelled: kept as it came.
    ASSERT_EQ(a.otherAttributes.size(), 1u);
    EXPECT_EQ(a.otherAttributes[0], (Attribute{"rtcp-xr", "rcvr-rtt=all"}));
}

TEST(SdpParser, ChromiumVideoAndDataSections) {
    auto d = fixture("chromium_audio_video_data_offer.sdp");
    const MediaSection &v = d.media[1];
    EXPECT_EQ(v.payloadTypes().size(), 23u);
    EXPECT_EQ(v.rtxFor(96), 97);
    EXPECT_EQ(v.rtxFor(108), 109);
    EXPECT_EQ(v.rtxFor(97), std::nullopt);
    EXPECT_EQ(v.fmtp(108)->parameter("profile-level-id"), "42e01f");
    EXPECT_EQ(v.rtcpFbFor(96).size(), 5u);
    ASSERT_EQ(v.ssrcGroups.size(), 1u);
    EXPECT_EQ(v.ssrcGroups[0], (SsrcGroup{"FID", {2051315653u, 3752435732u}}));
    EXPECT_EQ(v.extmap("urn:3gpp:video-orientation")->id, 13);

    const MediaSection &dc = d.media[2];
    EXPECT_EQ(dc.protocol, "UDP/DTLS/SCTP");
    EXPECT_EQ(dc.formats, (std::vector<std::string>{"webrtc-datachannel"}));
    EXPECT_TRUE(dc.isSctp());
    EXPECT_FALSE(dc.isRtp());
    EXPECT_EQ(dc.sctpPort, 5000u);
    EXPECT_EQ(dc.maxMessageSize, 262144u);
    EXPECT_EQ(dc.mid, "2");
}

TEST(SdpParser, ChromiumSimulcastOffer) {
    auto d = fixture("chromium_video_simulcast_offer.sdp");
    ASSERT_EQ(d.media.size(), 1u);
    const MediaSection &v = d.media[0];
    EXPECT_EQ(v.direction, Direction::SendOnly);
    ASSERT_EQ(v.rids.size(), 3u);
    EXPECT_EQ(v.rids[0], (Rid{"h", RidDirection::Send, {}, {}}));
    EXPECT_EQ(v.rids[2].id, "l");
    ASSERT_TRUE(v.simulcast);
    ASSERT_EQ(v.simulcast->send.size(), 3u);
    EXPECT_EQ(v.simulcast->send[1], (SimulcastStream{{"m", false}}));
    EXPECT_TRUE(v.simulcast->recv.empty());
    EXPECT_TRUE(v.ssrcs.empty());
}

TEST(SdpParser, ChromiumAudioOnlyAndIceRestart) {
    auto audio = fixture("chromium_audio_only_offer.sdp");
    ASSERT_EQ(audio.media.size(), 1u);
    EXPECT_EQ(audio.media[0].kind, MediaKind::Audio);

    auto first = fixture("chromium_audio_video_data_offer.sdp");
    auto restart = fixture("chromium_audio_video_data_ice_restart_offer.sdp");
    EXPECT_EQ(restart.origin.sessionId, first.origin.sessionId);
    EXPECT_EQ(restart.origin.sessionVersion, first.origin.sessionVersion + 1);
    ASSERT_EQ(restart.media.size(), 3u);
    EXPECT_NE(restart.media[0].iceUfrag, first.media[0].iceUfrag);
    EXPECT_NE(restart.media[0].icePwd, first.media[0].icePwd);
    EXPECT_EQ(restart.media[0].fingerprints, first.media[0].fingerprints);
    EXPECT_TRUE(restart.media[0].candidates.empty());
}

TEST(SdpParser, ChromiumAnswer) {
    auto d = fixture("chromium_audio_video_data_answer.sdp");
    ASSERT_EQ(d.media.size(), 3u);
    EXPECT_EQ(d.media[0].setup, Setup::Active);
    EXPECT_FALSE(d.media[0].candidates.empty());
    EXPECT_TRUE(d.media[1].candidates.empty()); // bundled: candidates only in the tag section
    EXPECT_EQ(d.media[1].port, 9u);
}

TEST(SdpParser, NewlineOnlyEndingsGiveTheSameModel) {
    std::string crlf = fixtureText("chromium_audio_video_data_offer.sdp");
    std::string lf;
    for (char c : crlf)
        if (c != '\r') lf += c;
    EXPECT_EQ(parseText(lf), parseText(crlf));
}

TEST(SdpParser, SkipsEmptyLinesAndTrailingSpaces) {
    std::string text = "v=0\r\n\r\no=- 1 2 IN IP4 127.0.0.1  \r\n\n\ns=-\r\nt=0 0\r\n  \r\nm=audio 9 RTP/AVP 0\r\n";
    auto d = parseText(text);
    EXPECT_EQ(d.origin.address, "127.0.0.1");
    ASSERT_EQ(d.media.size(), 1u);
    EXPECT_EQ(d.media[0].formats, (std::vector<std::string>{"0"}));
}

TEST(SdpParser, KeepsUnknownAttributesAndLinesInOrder) {
    auto d = parseText("v=0\no=- 1 2 IN IP4 127.0.0.1\ns=-\ni=info\nu=http://x\nt=0 0\na=x-session:1\n"
                       "m=video 9 UDP/TLS/RTP/SAVPF 96\ni=title\nk=prompt\na=x-first\na=mid:v\n"
                       "a=framerate:30\na=x-first:again\na=ice-lite\n");
    EXPECT_EQ(d.otherLines, (std::vector<OtherLine>{{'i', "info"}, {'u', "http://x"}}));
    EXPECT_EQ(d.otherAttributes, (std::vector<Attribute>{{"x-session", "1"}}));
    const MediaSection &m = d.media[0];
    EXPECT_EQ(m.otherLines, (std::vector<OtherLine>{{'i', "title"}, {'k', "prompt"}}));
    // a=ice-lite is session-level only: in a section it is kept as an unknown attribute.
    EXPECT_EQ(m.otherAttributes,
              (std::vector<Attribute>{
                  {"x-first", std::nullopt}, {"framerate", "30"}, {"x-first", "again"}, {"ice-lite", std::nullopt}}));
}

TEST(SdpParser, SessionLevelValuesApplyToSections) {
    auto d = parseText("v=0\no=- 1 2 IN IP4 127.0.0.1\ns=-\nt=0 0\na=ice-ufrag:sess\n"
                       "a=ice-pwd:abcdefghijklmnopqrstuvwx\na=fingerprint:sha-256 00:11\na=setup:passive\n"
                       "a=sendonly\nm=audio 9 UDP/TLS/RTP/SAVPF 0\na=ice-ufrag:mine\n"
                       "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\n");
    EXPECT_EQ(d.iceUfragOf(d.media[0]), "mine");
    EXPECT_EQ(d.iceUfragOf(d.media[1]), "sess");
    EXPECT_EQ(d.icePwdOf(d.media[0]), "abcdefghijklmnopqrstuvwx");
    EXPECT_EQ(d.fingerprintsOf(d.media[1]).size(), 1u);
    EXPECT_EQ(d.setupOf(d.media[1]), Setup::Passive);
    EXPECT_EQ(d.media[0].direction, Direction::SendOnly);
}

TEST(SdpParser, MissingMidIsAllowed) {
    auto d = parseText("v=0\no=- 1 2 IN IP4 127.0.0.1\ns=-\nt=0 0\nm=audio 9 UDP/TLS/RTP/SAVPF 0\n");
    EXPECT_EQ(d.media[0].mid, "");
}

TEST(SdpParser, IPv6CandidateAndConnection) {
    auto d = parseText(minimalOffer("c=IN IP6 2001:db8::1\r\n"
                                    "a=candidate:1 1 udp 2122262783 2001:db8::1 50000 typ host generation 0\r\n"
                                    "a=end-of-candidates\r\n"));
    const MediaSection &m = d.media[0];
    EXPECT_EQ(m.connection, (Connection{"IN", "IP4", "0.0.0.0"})); // the first c= counts
    EXPECT_EQ(m.otherLines, (std::vector<OtherLine>{{'c', "IN IP6 2001:db8::1"}}));
    ASSERT_EQ(m.candidates.size(), 1u);
    EXPECT_EQ(m.candidates[0], "candidate:1 1 udp 2122262783 2001:db8::1 50000 typ host generation 0");
    EXPECT_TRUE(m.endOfCandidates);
}

TEST(SdpParser, ReadsRidRestrictionsAndPausedSimulcast) {
    auto d = parseText(minimalOffer("a=rid:1 send pt=111;max-br=64000\r\na=rid:2 send\r\n"
                                    "a=simulcast:send 1;~2 recv 3,4\r\n"));
    const MediaSection &m = d.media[0];
    EXPECT_EQ(m.rids[0], (Rid{"1", RidDirection::Send, {111}, {{"max-br", "64000"}}}));
    EXPECT_EQ(m.simulcast->send, (std::vector<SimulcastStream>{{{"1", false}}, {{"2", true}}}));
    EXPECT_EQ(m.simulcast->recv, (std::vector<SimulcastStream>{{{"3", false}, {"4", false}}}));
}

TEST(SdpParser, LegacySctpmap) {
    auto d = parseText("v=0\no=- 1 2 IN IP4 127.0.0.1\ns=-\nt=0 0\n"
                       "m=application 9 DTLS/SCTP 5000\na=sctpmap:5000 webrtc-datachannel 1024\n");
    EXPECT_EQ(d.media[0].sctpmap, (Sctpmap{5000, "webrtc-datachannel", 1024}));
}

TEST(SdpParser, ErrorsNameTheLine) {
    EXPECT_EQ(parseError(minimalOffer("a=mid:b\r\n")), "line 16: a=mid appears twice in the same m= section");
    EXPECT_EQ(parseError(minimalOffer("m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:a\r\n")),
              "line 17: mid 'a' is used twice");
    EXPECT_EQ(parseError(minimalOffer("m=video abc UDP/TLS/RTP/SAVPF 96\r\n")),
              "line 16: m= port 'abc' is not 0-65535");
    EXPECT_EQ(parseError(minimalOffer("m=video 9 UDP/TLS/RTP/SAVPF\r\n")),
              "line 16: m= needs '<media> <port> <protocol> <format>...'");
    EXPECT_EQ(parseError(minimalOffer("m=video 70000 UDP/TLS/RTP/SAVPF 96\r\n")),
              "line 16: m= port '70000' is not 0-65535");
    EXPECT_EQ(parseError(minimalOffer("m=video 9 UDP/TLS/RTP/SAVPF 128\r\n")),
              "line 16: m= format '128' is not an RTP payload type (0-127)");
    EXPECT_EQ(parseError(minimalOffer("m=video 9 UDP/TLS/RTP/SAVPF 96 096\r\n")),
              "line 16: m= format '096' is listed twice");
    EXPECT_EQ(parseError(minimalOffer("a=rtpmap:200 VP8/90000\r\n")),
              "line 16: a=rtpmap payload type '200' is not 0-127");
    EXPECT_EQ(parseError(minimalOffer("a=rtpmap:111 opus/48000/2\r\n")),
              "line 16: payload type 111 has two a=rtpmap lines");
    EXPECT_EQ(parseError(minimalOffer("a=rtpmap:96 VP8\r\n")),
              "line 16: a=rtpmap encoding 'VP8' is not <name>/<clock rate>[/<channels>]");
    EXPECT_EQ(parseError(minimalOffer("a=fmtp:x y=1\r\n")), "line 16: a=fmtp payload type 'x' is not 0-127");
    EXPECT_EQ(parseError(minimalOffer("a=rtcp-fb:-1 nack\r\n")),
              "line 16: a=rtcp-fb payload type '-1' is neither * nor 0-127");
    EXPECT_EQ(parseError(minimalOffer("a=extmap:0 urn:x\r\n")), "line 16: a=extmap id '0' is not 1-255");
    EXPECT_EQ(parseError(minimalOffer("a=extmap:256 urn:x\r\n")), "line 16: a=extmap id '256' is not 1-255");
    EXPECT_EQ(parseError(minimalOffer("a=extmap:1 urn:x\r\na=extmap:1 urn:y\r\n")),
              "line 17: a=extmap id 1 is used twice");
    EXPECT_EQ(parseError(minimalOffer("a=extmap:1/sideways urn:x\r\n")),
              "line 16: a=extmap direction 'sideways' is not valid");
    EXPECT_EQ(parseError(minimalOffer("a=ssrc:4294967296 cname:x\r\n")),
              "line 16: a=ssrc '4294967296' is not a 32-bit number");
    EXPECT_EQ(parseError(minimalOffer("a=setup:maybe\r\n")), "line 16: a=setup appears twice in the same m= section");
    EXPECT_EQ(parseError(minimalOffer("a=sendonly\r\n")), "line 16: a=sendonly appears twice in the same m= section");
    EXPECT_EQ(parseError(minimalOffer("a=rid:h sideways\r\n")),
              "line 16: rid direction must be send or recv, not 'sideways'");
    EXPECT_EQ(parseError(minimalOffer("a=simulcast:send h;;m\r\n")),
              "line 16: invalid rid '' in simulcast stream list");
    EXPECT_EQ(parseError(minimalOffer("b=AS:lots\r\n")), "line 16: b= needs '<type>:<number>', not 'AS:lots'");
    EXPECT_EQ(parseError(minimalOffer("o=- 1 2 IN IP4 127.0.0.1\r\n")),
              "line 16: o= is a session-level line but comes after the first m= line");
    EXPECT_EQ(parseError(minimalOffer("garbage\r\n")),
              "line 16: expected '<type>=<value>' with a lower-case letter as type");
    EXPECT_EQ(parseError(minimalOffer("a=mid\r\n")), "line 16: a=mid needs a value");
}

TEST(SdpParser, SessionLevelErrors) {
    EXPECT_EQ(parseError(""), "the description is empty (no v=0 line)");
    EXPECT_EQ(parseError("\r\n\r\n"), "the description is empty (no v=0 line)");
    EXPECT_EQ(parseError("o=- 1 2 IN IP4 127.0.0.1\r\nv=0\r\n"), "line 1: a description starts with v=0");
    EXPECT_EQ(parseError("\r\nv=1\r\n"), "line 2: unsupported SDP version '1' (only v=0)");
    EXPECT_EQ(parseError("v=0\r\no=- 1 x IN IP4 127.0.0.1\r\n"), "line 2: o= session version 'x' is not a number");
    EXPECT_EQ(parseError("v=0\r\nt=0\r\n"), "line 2: t= needs '<start time> <stop time>' as numbers");
    EXPECT_EQ(parseError("v=0\r\na=ice-ufrag:ab cd\r\n"),
              "line 2: a=ice-ufrag has a character outside ALPHA / DIGIT / '+' / '/'");
    EXPECT_EQ(parseError("v=0\r\na=setup:maybe\r\n"),
              "line 2: a=setup 'maybe' is not actpass, active, passive or holdconn");
    EXPECT_EQ(parseError("v=0\r\na=ice-pwd:short\r\n"), "line 2: a=ice-pwd must be 22-256 characters, not 5");
    EXPECT_EQ(parseError("v=0\r\na=fingerprint:sha-256 XY:00\r\n"),
              "line 2: a=fingerprint value 'XY:00' is not hex pairs separated by ':'");
    EXPECT_EQ(parseError("v=0\r\na=group:BUNDLE 0 1\r\nm=audio 9 RTP/AVP 0\r\na=mid:0\r\n"),
              "line 2: a=group:BUNDLE names mid '1' that no m= section has");
}

TEST(SdpParser, Limits) {
    // Total size.
    std::string huge = minimalOffer();
    while (huge.size() <= ParseLimits::kMaxBytes) huge += "a=x-padding:" + std::string(100, 'p') + "\r\n";
    EXPECT_NE(parseError(huge).find("more than the 262144 allowed"), std::string::npos);
    // Line length.
    EXPECT_EQ(parseError(minimalOffer("a=x:" + std::string(5000, 'y') + "\r\n")),
              "line 16: longer than 4096 characters");
    EXPECT_EQ(parseError(minimalOffer("a=x:" + std::string(4092, 'y') + "\r\n")), "");
    // Sections.
    std::string many = minimalOffer();
    for (int i = 0; i < 63; ++i) many += "m=audio 0 RTP/AVP 0\r\n";
    EXPECT_EQ(parseError(many), "");
    EXPECT_EQ(parseError(many + "m=audio 0 RTP/AVP 0\r\n"), "line 79: more than 64 m= sections");
    // Attributes per section.
    std::string attributes = minimalOffer();
    for (int i = 0; i < 992; ++i) attributes += "a=x\r\n";
    EXPECT_EQ(parseError(attributes), "");
    EXPECT_EQ(parseError(attributes + "a=x\r\n"), "line 1008: more than 1000 attributes in one section");
}
