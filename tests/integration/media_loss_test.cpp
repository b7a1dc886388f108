// MediaLoss: real media through echotest in the real binary, from a client
// built on the core's own parts (support/webrtc_client), over a lossy path
// (datagrams dropped at random at the client's ICE edge, each way — netem
// without netem). NACKs and RTX on both legs must bring back what was lost:
//   client --5 %--> server: the server NACKs, the client resends (RTX);
//   server --5 %--> client: the client NACKs, the server resends (RTX).
// Packets are counted by the send sequence each payload carries, so a packet
// counts once however often it arrives.
#include "support/janus_client.hpp"
#include "support/server_process.hpp"
#include "support/webrtc_client.hpp"

#include <gtest/gtest.h>

namespace portunus::test {
namespace {

constexpr uint64_t kVideoPackets = 2000;
constexpr unsigned kVideoRate = 500; // packets per second: 2,000 take 4 s
// After the last packet is sent, how long recovery may take (NACK retries are
// spaced by the RTT, 100 ms while it is unknown).
constexpr auto kDrainTime = std::chrono::seconds(3);
constexpr auto kSendTime = std::chrono::seconds(kVideoPackets / kVideoRate) + kEventTimeout;

ServerOptions mediaServer() {
    ServerOptions options;
    options.overrides = R"({"media": {"ice": {"interfaces": ["127.0.0.1"]}}})";
    return options;
}

MediaOptions videoAndAudio() {
    MediaOptions m;
    m.video_packets = kVideoPackets;
    m.video_packets_per_second = kVideoRate;
    return m;
}

// Sends every packet, then waits until `target` video packets came back or
// the drain time passed; returns the stats at that point.
ClientStats sendAndDrain(WebRtcClient &client, uint64_t target) {
    client.startMedia(videoAndAudio());
    EXPECT_TRUE(client.waitFor([](const ClientStats &s) { return !s.sending && s.video.sent == kVideoPackets; },
                               kSendTime))
        << client.stats().summary();
    client.waitFor([&](const ClientStats &s) { return s.video.received >= target; }, kDrainTime);
    ClientStats stats = client.stats();
    std::cout << "[ stats    ] " << stats.summary() << "\n";
    return stats;
}

// info.webrtc.media[] entry of the handle's video line, from the admin API.
Json serverVideoLine(const ServerProcess &server, const WebRtcClient &client) {
    AdminClient admin(Transport::http, server);
    Json reply = admin.requestWithSecret(
        janusRequest("handle_info").set("session_id", client.sessionId()).set("handle_id", client.handleId()));
    for (const Json &line : reply.items("/info/webrtc/media"))
        if (line.str("/type") == "video") return line;
    ADD_FAILURE() << "no video line in handle_info: " << reply;
    return {};
}

uint64_t counter(const Json &line, const char *name) {
    if (!line.has(std::string("/") + name)) {
        ADD_FAILURE() << "handle_info has no '" << name << "' on the video line: " << line;
        return 0;
    }
    return line.u64(std::string("/") + name);
}

TEST(MediaLoss, WithoutLossEveryPacketComesBack) {
    ServerProcess server(mediaServer());
    WebRtcClient client;
    client.connect(server.clientWsPort());
    ClientStats s = sendAndDrain(client, kVideoPackets);

    EXPECT_EQ(s.video.sent, kVideoPackets);
    EXPECT_EQ(s.video.received, kVideoPackets) << s.summary() << "\n" << client.log();
    EXPECT_GT(s.audio.sent, 0u);
    EXPECT_EQ(s.audio.received, s.audio.sent) << s.summary();
    EXPECT_GE(s.keyframes_sent, 1u); // the first frame; echotest's PLI may add one
    EXPECT_EQ(s.srtp_errors, 0u);
}

TEST(MediaLoss, FivePercentEachWayIsRepairedByNackAndRtx) {
    constexpr double kLoss = 0.05;
    constexpr uint64_t kTarget = kVideoPackets * 99 / 100;
    ServerProcess server(mediaServer());
    WebRtcClient client({.loss = kLoss, .seed = 20240607});
    client.connect(server.clientWsPort());
    ClientStats s = sendAndDrain(client, kTarget);

    // The path really was lossy, both ways.
    EXPECT_GT(s.datagrams_dropped_out, s.datagrams_sent * 3 / 100) << s.summary();
    EXPECT_GT(s.datagrams_dropped_in, s.datagrams_received * 3 / 100) << s.summary();

    EXPECT_EQ(s.video.sent, kVideoPackets);
    EXPECT_GE(s.video.received, kTarget) << "only " << 100.0 * double(s.video.received) / double(kVideoPackets)
                                         << " % of the video came back within " << kDrainTime.count() << " s\n"
                                         << s.summary() << "\n"
                                         << client.log();
    // Audio is not repaired (no NACK for Opus): roughly 90 % comes back.
    EXPECT_GT(s.audio.received, s.audio.sent * 80 / 100) << s.summary();

    // Both legs were repaired: the client NACKed the echo and got RTX back,
    // and answered the server's NACKs for what it lost on the way in.
    EXPECT_GT(s.nacks_sent, 0u) << s.summary();
    EXPECT_GT(s.retransmissions_received, 0u) << s.summary();
    EXPECT_GT(s.nacks_received, 0u) << s.summary();
    EXPECT_GT(s.retransmissions_sent, 0u) << s.summary();

    // The server's own view (admin handle_info) agrees.
    Json video = serverVideoLine(server, client);
    EXPECT_GT(counter(video, "nacks_sent"), 0u) << video;
    EXPECT_GT(counter(video, "nacks_received"), 0u) << video;
    EXPECT_GT(counter(video, "retransmitted"), 0u) << video;
}

} // namespace
} // namespace portunus::test
