#include "sdp/transport.hpp"

#include "sdp/answerer.hpp"
#include "sdp/writer.hpp"
#include "sdp_fixtures.hpp"

#include <gtest/gtest.h>

using namespace portunus::sdp;
using namespace portunus::sdp::testing;

namespace {
TransportParams params() {
    TransportParams p;
    p.iceUfrag = "Prtn";
    p.icePwd = "portunusportunusportunus";
    p.fingerprint = {"sha-256",
                     "01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:"
                     "AB:CD:EF"};
    p.setup = Setup::Passive;
    p.candidates = {"candidate:1 1 tcp 1518280447 192.0.2.7 9 typ host tcptype passive",
                    "candidate:2 1 udp 2130706431 192.0.2.7 40000 typ host",
                    "candidate:3 1 udp 2130706175 2001:db8::7 40002 typ host"};
    p.endOfCandidates = true;
    p.sessionId = "4611731400430051336";
    p.sessionVersion = 2;
    return p;
}
} // namespace

TEST(SdpTransport, AnsweringSetup) {
    auto offer = fixture("chromium_audio_video_data_offer.sdp");
    EXPECT_EQ(answeringSetup(offer), Setup::Passive); // actpass
    for (auto &m : offer.media) m.setup = Setup::Passive;
    EXPECT_EQ(answeringSetup(offer), Setup::Active);
    for (auto &m : offer.media) m.setup = Setup::Active;
    EXPECT_EQ(answeringSetup(offer), Setup::Passive);
}

TEST(SdpTransport, WritesIceAndDtlsIntoEveryAcceptedSection) {
    auto offer = fixture("chromium_audio_video_data_offer.sdp");
    AnswerOptions options;
    options.sections["1"].accept = false;
    auto a = answer(offer, options);
    setTransport(a, params());
    EXPECT_EQ(a.origin.sessionId, "4611731400430051336");
    EXPECT_EQ(a.origin.sessionVersion, 2u);
    EXPECT_FALSE(a.iceLite);
    for (size_t i : {0u, 2u}) {
        const MediaSection &m = a.media[i];
        EXPECT_EQ(m.iceUfrag, "Prtn");
        EXPECT_EQ(m.icePwd, "portunusportunusportunus");
        EXPECT_EQ(m.iceOptions, (std::vector<std::string>{"trickle"}));
        ASSERT_EQ(m.fingerprints.size(), 1u);
        EXPECT_EQ(m.fingerprints[0].hashFunction, "sha-256");
        EXPECT_EQ(m.setup, Setup::Passive);
        EXPECT_EQ(m.candidates, params().candidates);
        EXPECT_TRUE(m.endOfCandidates);
        // The first UDP candidate is the default one.
        EXPECT_EQ(m.port, 40000u);
        EXPECT_EQ(m.connection, (Connection{"IN", "IP4", "192.0.2.7"}));
    }
    EXPECT_FALSE(a.media[1].iceUfrag); // rejected: untouched
    EXPECT_EQ(a.media[1].port, 0u);

    std::string text = write(a);
    EXPECT_NE(text.find("m=audio 40000 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 192.0.2.7\r\n"
                        "a=candidate:1 1 tcp 1518280447 192.0.2.7 9 typ host tcptype passive\r\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("a=end-of-candidates\r\na=ice-ufrag:Prtn\r\na=ice-pwd:portunusportunusportunus\r\n"
                        "a=ice-options:trickle\r\na=fingerprint:sha-256 01:23:"),
              std::string::npos);
    EXPECT_NE(text.find("a=setup:passive\r\na=mid:0\r\n"), std::string::npos);
    EXPECT_EQ(parseText(text), a);
}

TEST(SdpTransport, IceLiteIPv6DefaultAndBundleOnly) {
    auto offer = fixture("chromium_audio_video_data_offer.sdp");
    auto a = answer(offer);
    a.media[1].bundleOnly = true;
    a.media[1].port = 0;
    TransportParams p = params();
    p.iceLite = true;
    p.trickle = false;
    p.candidates = {"candidate:3 1 udp 2130706175 2001:db8::7 40002 typ host"};
    p.endOfCandidates = false;
    setTransport(a, p);
    EXPECT_TRUE(a.iceLite);
    EXPECT_TRUE(a.media[0].iceOptions.empty());
    EXPECT_EQ(a.media[0].connection, (Connection{"IN", "IP6", "2001:db8::7"}));
    EXPECT_EQ(a.media[0].port, 40002u);
    // A bundle-only section gets the transport attributes but keeps port 0.
    EXPECT_EQ(a.media[1].iceUfrag, "Prtn");
    EXPECT_EQ(a.media[1].port, 0u);
    EXPECT_FALSE(a.media[0].endOfCandidates);
    std::string text = write(a);
    EXPECT_NE(text.find("t=0 0\r\na=group:BUNDLE 0 1 2\r\na=extmap-allow-mixed\r\na=ice-lite\r\n"), std::string::npos)
        << text;
    EXPECT_EQ(text.find("a=ice-options"), std::string::npos);
}

TEST(SdpTransport, NoCandidatesMeansPortNine) {
    auto a = answer(fixture("chromium_audio_only_offer.sdp"));
    TransportParams p = params();
    p.candidates = {"candidate:1 1 udp 1 host.local 5000 typ host"}; // mDNS names are not defaults
    setTransport(a, p);
    EXPECT_EQ(a.media[0].port, 9u);
    EXPECT_EQ(a.media[0].connection, Connection{});
}
