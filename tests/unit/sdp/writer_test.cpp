#include "sdp/writer.hpp"

#include "sdp_fixtures.hpp"

#include <gtest/gtest.h>

using namespace portunus::sdp;
using namespace portunus::sdp::testing;

TEST(SdpWriter, WritesChromiumDescriptionsBackByteForByte) {
    for (const char *name : kChromiumFixtures) {
        SCOPED_TRACE(name);
        std::string text = fixtureText(name);
        EXPECT_EQ(write(parseText(text)), text);
    }
}

TEST(SdpWriter, RoundTripGivesAnEqualModel) {
    for (const char *name : kChromiumFixtures) {
        SCOPED_TRACE(name);
        auto d = fixture(name);
        EXPECT_EQ(parseText(write(d)), d);
    }
}

TEST(SdpWriter, UsesCrlfAndChromiumOrder) {
    SessionDescription d;
    d.groups.push_back({"BUNDLE", {"0"}});
    MediaSection m;
    m.kind = MediaKind::Video;
    m.formats = {"96", "97"};
    m.connection = Connection{};
    m.mid = "0";
    m.rtcpMux = true;
    m.iceUfrag = "ufrag";
    m.icePwd = "abcdefghijklmnopqrstuvwx";
    m.setup = Setup::Passive;
    m.candidates = {"candidate:1 1 udp 1 192.0.2.1 5000 typ host"};
    m.endOfCandidates = true;
    m.fmtps = {{97, "apt=96"}};
    m.rtcpFbs = {{96, "nack", "pli"}};
    m.rtpmaps = {{97, "rtx", 90000, 0}, {96, "VP8", 90000, 0}};
    m.extmaps = {{4, Direction::RecvOnly, "urn:ietf:params:rtp-hdrext:sdes:mid", ""}};
    m.ssrcs = {{1234, "cname", "x"}};
    m.ssrcGroups = {{"FID", {1234, 5678}}};
    d.media.push_back(m);
    EXPECT_EQ(write(d), "v=0\r\n"
                        "o=- 0 0 IN IP4 127.0.0.1\r\n"
                        "s=-\r\n"
                        "t=0 0\r\n"
                        "a=group:BUNDLE 0\r\n"
                        "m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\n"
                        "c=IN IP4 0.0.0.0\r\n"
                        "a=candidate:1 1 udp 1 192.0.2.1 5000 typ host\r\n"
                        "a=end-of-candidates\r\n"
                        "a=ice-ufrag:ufrag\r\n"
                        "a=ice-pwd:abcdefghijklmnopqrstuvwx\r\n"
                        "a=setup:passive\r\n"
                        "a=mid:0\r\n"
                        "a=extmap:4/recvonly urn:ietf:params:rtp-hdrext:sdes:mid\r\n"
                        "a=sendrecv\r\n"
                        "a=rtcp-mux\r\n"
                        "a=rtpmap:96 VP8/90000\r\n"
                        "a=rtcp-fb:96 nack pli\r\n"
                        "a=rtpmap:97 rtx/90000\r\n"
                        "a=fmtp:97 apt=96\r\n"
                        "a=ssrc-group:FID 1234 5678\r\n"
                        "a=ssrc:1234 cname:x\r\n");
}

TEST(SdpWriter, RoundTripsHandMadeOddities) {
    // Session-level extras, lines out of their usual order, payload-type lines out of
    // m= order, unlisted payload types, flags with values, legacy SCTP, paused simulcast.
    std::string text = "v=0\n"
                       "o=alice 2890844526 2890842807 IN IP6 ::1\n"
                       "s=\n"
                       "t=1 2\n"
                       "r=7d 1h 0 25h\n"
                       "u=http://example.com\n"
                       "c=IN IP4 192.0.2.9\n"
                       "b=AS:300\n"
                       "a=ice-lite\n"
                       "a=ice-options:trickle renomination\n"
                       "a=msid-semantic:WMS\n"
                       "a=recvonly\n"
                       "a=extmap:3 urn:3gpp:video-orientation\n"
                       "a=x-session\n"
                       "m=video 9/2 UDP/TLS/RTP/SAVPF 97 96 98\n"
                       "k=clear:x\n"
                       "i=info\n"
                       "b=TIAS:500000\n"
                       "a=rtcp-fb:97 nack\n"
                       "a=rtpmap:96 VP8/90000\n"
                       "a=rtcp-fb:* ccm fir\n"
                       "a=rtpmap:97 rtx/90000\n"
                       "a=fmtp:97 apt=96\n"
                       "a=rtpmap:100 H264/90000\n"
                       "a=fmtp:100\n"
                       "a=rtcp-mux:yes\n"
                       "a=ssrc:1\n"
                       "a=ssrc:1 label\n"
                       "a=ssrc:1 :odd\n"
                       "a=rid:h send pt=96,98;max-width=1280;depend\n"
                       "a=rid:l send\n"
                       "a=simulcast: send rid=h;~l\n"
                       "a=msid:- track\n"
                       "a=msid:stream\n"
                       "a=bundle-only\n"
                       "a=mid:v\n"
                       "m=application 0 DTLS/SCTP 5000\n"
                       "a=sctpmap:5000 webrtc-datachannel\n"
                       "a=sendrecv\n"
                       "m=text 9 TCP/MSRP *\n"
                       "a=accept-types:text/plain\n";
    auto d = parseText(text);
    EXPECT_EQ(d.media[0].simulcast->send.size(), 2u);
    EXPECT_EQ(d.media[2].otherMedia, "text");
    std::string written = write(d);
    EXPECT_EQ(written.find("\n\n"), std::string::npos);
    auto again = parseText(written);
    EXPECT_EQ(again, d) << written;
    EXPECT_EQ(write(again), written);
}
