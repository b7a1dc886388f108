// MediaEvents: what the server tells a WebRTC client about its media, from
// the real binary and echotest, with the client built on the core's parts
// (support/webrtc_client):
// - echotest's "bitrate" request caps the client's video with REMB (repeated
//   while the cap stands, stopped by "bitrate": 0);
// - "slowlink" when the client's uplink loses packets, and none without loss;
// - "webrtcup", "media" {receiving}, and "hangup" after a Janus hangup
//   request, after which the same handle negotiates media again.
#include "support/janus_client.hpp"
#include "support/server_process.hpp"
#include "support/webrtc_client.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

namespace portunus::test {
namespace {

constexpr unsigned kVideoRate = 500;        // packets per second
constexpr uint64_t kRembEveryPackets = 100; // echotest repeats its REMB about this often

ServerOptions mediaServer() {
    ServerOptions options;
    options.overrides = R"({"media": {"ice": {"interfaces": ["127.0.0.1"]}}})";
    return options;
}

MediaOptions media(uint64_t video_packets = 0) {
    MediaOptions m;
    m.video_packets = video_packets;
    m.video_packets_per_second = kVideoRate;
    return m;
}

std::string describe(const WebRtcClient &client) {
    std::ostringstream out;
    out << client.stats().summary() << "\nevents:\n";
    for (const Json &e : client.events()) out << "  " << e.text() << "\n";
    out << "REMBs:\n";
    for (const RembReport &r : client.rembs()) {
        out << "  " << r.bitrate << " bps, sender " << r.sender_ssrc << ", SSRCs";
        for (uint32_t s : r.ssrcs) out << " " << s;
        out << ", after " << r.video_received << " echoed video packets\n";
    }
    return out.str() + "client log:\n" + client.log();
}

// What a REMB carrying `cap` reads as: mantissa (18 bits) << exponent, the
// cap rounded down to a multiple of 2^exponent.
bool rembCarries(uint64_t bitrate, uint64_t cap) {
    unsigned exponent = 0;
    while ((cap >> exponent) > 0x3FFFF) ++exponent;
    return bitrate <= cap && cap - bitrate < (uint64_t(1) << exponent);
}

bool names(const RembReport &r, uint32_t ssrc) { return std::find(r.ssrcs.begin(), r.ssrcs.end(), ssrc) != r.ssrcs.end(); }

bool isEvent(const Json &e, const char *kind) { return e.has("/janus") && e.str("/janus") == kind; }

// handle_info of the client's handle, from the admin API.
Json handleInfo(const ServerProcess &server, const WebRtcClient &client) {
    AdminClient admin(Transport::http, server);
    return admin.requestWithSecret(
        janusRequest("handle_info").set("session_id", client.sessionId()).set("handle_id", client.handleId()));
}

// The events a test waits on.
bool isSlowLink(const Json &e, const char *media) { return isEvent(e, "slowlink") && e.str("/media") == media; }
bool isMedia(const Json &e, const char *type, bool receiving) {
    return isEvent(e, "media") && e.str("/type") == type && e.boolean("/receiving") == receiving;
}

TEST(MediaEvents, EchotestBitrateCapsWithRemb) {
    constexpr uint64_t kCap = 256000;
    constexpr uint64_t kRoundedCap = 2500003; // needs exponent 4: reads as 2,500,000
    ServerProcess server(mediaServer());
    WebRtcClient client;
    client.connect(server.clientWsPort());
    const uint32_t video_ssrc = client.videoSsrc();
    client.startMedia(media()); // until stopMedia()

    // The echo runs, and without a cap nothing asks us to slow down.
    ASSERT_TRUE(client.waitFor([](const ClientStats &s) { return s.video.received >= 2 * kRembEveryPackets; },
                               kEventTimeout))
        << describe(client);
    EXPECT_TRUE(client.rembs().empty()) << describe(client);

    // {"bitrate": 256000}: a REMB naming our video SSRC, repeated while the cap stands.
    Json reply = client.message(Json::parse(R"({"bitrate": 256000})"));
    EXPECT_EQ(reply.str("/plugindata/data/result"), "ok") << reply;
    ASSERT_TRUE(client.waitFor([](const ClientStats &s) { return s.rembs_received >= 3; }, kEventTimeout))
        << "no repeated REMB after {\"bitrate\": 256000}\n"
        << describe(client);
    for (const RembReport &r : client.rembs()) {
        EXPECT_TRUE(rembCarries(r.bitrate, kCap)) << r.bitrate << " bps\n" << describe(client);
        EXPECT_TRUE(names(r, video_ssrc)) << "REMB does not name our video SSRC " << video_ssrc << "\n"
                                          << describe(client);
    }
    Json info = handleInfo(server, client);
    EXPECT_EQ(info.u64("/info/plugin_specific/bitrate"), kCap) << info;

    // {"bitrate": 0}: no cap, no more REMB. The reply comes once echotest
    // holds 0; a REMB it sent for a packet handled before that arrives
    // before that packet's echo, so before `sent` (+ a margin for the stats
    // lagging the sender by a pacing tick) echoes are counted.
    reply = client.message(Json::parse(R"({"bitrate": 0})"));
    EXPECT_EQ(reply.str("/plugindata/data/result"), "ok") << reply;
    const uint64_t margin = kRembEveryPackets;
    const uint64_t cutoff = client.stats().video.sent + margin;
    // Five REMB periods of echoes after the cutoff: a standing cap would have shown.
    ASSERT_TRUE(client.waitFor([&](const ClientStats &s) { return s.video.received >= cutoff + 5 * kRembEveryPackets; },
                               kEventTimeout))
        << describe(client);
    for (const RembReport &r : client.rembs())
        EXPECT_LT(r.video_received, cutoff) << "a REMB (" << r.bitrate << " bps) after {\"bitrate\": 0}\n"
                                            << describe(client);
    info = handleInfo(server, client);
    EXPECT_EQ(info.u64("/info/plugin_specific/bitrate"), 0u) << info;

    // A new cap is announced again, rounded down to what REMB can say.
    const size_t before = client.rembs().size();
    reply = client.message(Json::parse(R"({"bitrate": 2500003})"));
    EXPECT_EQ(reply.str("/plugindata/data/result"), "ok") << reply;
    ASSERT_TRUE(client.waitFor([&](const ClientStats &s) { return s.rembs_received > before; }, kEventTimeout))
        << "no REMB after {\"bitrate\": 2500003}\n"
        << describe(client);
    RembReport next = client.rembs()[before];
    EXPECT_EQ(next.bitrate, 2500000u) << describe(client);
    EXPECT_TRUE(rembCarries(next.bitrate, kRoundedCap));
    EXPECT_TRUE(names(next, video_ssrc)) << describe(client);
    client.stopMedia();
}

TEST(MediaEvents, SlowLinkOnHeavyUplinkLoss) {
    ServerProcess server(mediaServer());
    WebRtcClient client({.loss_out = 0.2, .seed = 20240607}); // client -> server only
    client.connect(server.clientWsPort());
    client.startMedia(media());

    auto slowlink = client.waitForEvent([](const Json &e) { return isSlowLink(e, "video"); }, kEventTimeout);
    client.stopMedia();
    ClientStats s = client.stats();
    ASSERT_TRUE(slowlink) << "no video slowlink with 20 % uplink loss\n" << describe(client);
    // The path was lossy one way only.
    EXPECT_GT(s.datagrams_dropped_out, s.datagrams_sent / 10) << s.summary();
    EXPECT_EQ(s.datagrams_dropped_in, 0u) << s.summary();

    EXPECT_EQ(slowlink->u64("/session_id"), client.sessionId()) << *slowlink;
    EXPECT_EQ(slowlink->u64("/sender"), client.handleId()) << *slowlink;
    EXPECT_EQ(slowlink->str("/mid"), "1") << *slowlink;
    EXPECT_TRUE(slowlink->boolean("/uplink")) << *slowlink;
    // "lost": packets of that second lost on the way in; more than zero, and
    // not more than we ever sent on the line.
    for (const Json &e : client.events()) {
        if (!isSlowLink(e, "video")) continue;
        EXPECT_GT(e.u64("/lost"), 0u) << e;
        EXPECT_LE(e.u64("/lost"), s.video.sent) << "a slowlink reports more video packets lost than were sent: " << e
                                                 << "\n"
                                                 << describe(client);
    }
}

TEST(MediaEvents, NoSlowLinkWithoutLoss) {
    constexpr uint64_t kPackets = 1000; // 2 s: the once-a-second check sees media at least once
    ServerProcess server(mediaServer());
    WebRtcClient client;
    client.connect(server.clientWsPort());
    client.startMedia(media(kPackets));
    ASSERT_TRUE(client.waitFor([](const ClientStats &s) { return s.video.received == kPackets; }, kEventTimeout))
        << describe(client);
    // The server's once-a-second check saw the media, then saw it stop: every
    // check that covered the packets has run, and its events came before these.
    ASSERT_TRUE(client.waitForEvent([](const Json &e) { return isMedia(e, "video", true); }, kEventTimeout))
        << describe(client);
    ASSERT_TRUE(client.waitForEvent([](const Json &e) { return isMedia(e, "video", false); }, kEventTimeout))
        << describe(client);
    ASSERT_TRUE(client.waitForEvent([](const Json &e) { return isMedia(e, "audio", false); }, kEventTimeout))
        << describe(client);
    for (const Json &e : client.events()) EXPECT_FALSE(isEvent(e, "slowlink")) << e << "\n" << describe(client);
    EXPECT_EQ(client.stats().datagrams_dropped_out, 0u);
}

TEST(MediaEvents, WebrtcUpMediaAndHangup) {
    constexpr uint64_t kPackets = 500;
    ServerProcess server(mediaServer());
    WebRtcClient client;
    client.connect(server.clientWsPort());
    auto sent = [&](const Json &e) { return e.u64("/session_id") == client.sessionId() && e.u64("/sender") == client.handleId(); };

    auto up = client.waitForEvent([](const Json &e) { return isEvent(e, "webrtcup"); }, kEventTimeout);
    ASSERT_TRUE(up) << describe(client);
    EXPECT_TRUE(sent(*up)) << *up;
    client.startMedia(media());
    for (const char *type : {"audio", "video"}) {
        auto receiving = client.waitForEvent([&](const Json &e) { return isMedia(e, type, true); }, kEventTimeout);
        ASSERT_TRUE(receiving) << "no media {receiving: true} for " << type << "\n" << describe(client);
        EXPECT_TRUE(sent(*receiving)) << *receiving;
        EXPECT_EQ(receiving->str("/mid"), std::string(type) == "audio" ? "0" : "1") << *receiving;
    }
    ASSERT_TRUE(client.waitFor([](const ClientStats &s) { return s.video.received >= 100; }, kEventTimeout))
        << describe(client);

    // A Janus "hangup" on the handle: "success", then the "hangup" event;
    // the server closes DTLS and forgets the PeerConnection, not the handle.
    size_t mark = client.events().size();
    Json reply = client.request(Json().set("janus", "hangup"));
    EXPECT_EQ(reply.str("/janus"), "success") << reply;
    auto hangup = client.waitForEvent([](const Json &e) { return isEvent(e, "hangup"); }, kEventTimeout, mark);
    ASSERT_TRUE(hangup) << describe(client);
    EXPECT_TRUE(sent(*hangup)) << *hangup;
    ASSERT_TRUE(hangup->has("/reason")) << *hangup;
    EXPECT_FALSE(hangup->str("/reason").empty()) << *hangup;
    EXPECT_TRUE(client.waitFor([](const ClientStats &s) { return s.failed; }, kEventTimeout))
        << "the server did not close DTLS\n"
        << describe(client);
    client.stopMedia();

    Json info = handleInfo(server, client);
    ASSERT_EQ(info.str("/janus"), "success") << "the handle is gone after a hangup: " << info;
    bool no_media = !info.has("/info/webrtc/media") || info.size("/info/webrtc/media") == 0 ||
                    (info.has("/info/webrtc/ice/state") && info.str("/info/webrtc/ice/state") == "closed");
    EXPECT_TRUE(no_media) << "handle_info still shows media after the hangup: " << info;

    // The same handle negotiates again, and media flows a second time.
    mark = client.events().size();
    ASSERT_NO_THROW(client.renegotiate()); // inside an assertion: a failure prints the server's log
    ASSERT_TRUE(client.waitForEvent([](const Json &e) { return isEvent(e, "webrtcup"); }, kEventTimeout, mark))
        << describe(client);
    client.startMedia(media(kPackets));
    ASSERT_TRUE(client.waitFor([](const ClientStats &s) { return s.video.received == kPackets; }, kEventTimeout))
        << "no echo after renegotiating\n"
        << describe(client);
    EXPECT_EQ(client.stats().audio.received, client.stats().audio.sent);
    for (const char *type : {"audio", "video"})
        EXPECT_TRUE(client.waitForEvent([&](const Json &e) { return isMedia(e, type, true); }, kEventTimeout, mark))
            << "no media {receiving: true} for " << type << " after renegotiating\n"
            << describe(client);
    info = handleInfo(server, client);
    EXPECT_EQ(info.size("/info/webrtc/media"), 2u) << info;
    EXPECT_NE(info.str("/info/webrtc/ice/state"), "closed") << info;
}

} // namespace
} // namespace portunus::test
