// SfuMedia: what the SFU does to media, end to end over real ICE/DTLS-SRTP
// between the core-built test clients and the server: publishers send
// synthetic VP8 and Opus-sized audio (WebRtcClient), subscribers answer the
// server's offers (SubscriberClient). Progress is measured in packets the
// publisher sent, never in time.
#include "sfu_client.hpp"
#include "support/subscriber_client.hpp"
#include "support/webrtc_client.hpp"

#include <gtest/gtest.h>

#include <memory>

namespace portunus::test {
namespace {

constexpr uint64_t kRoom = 1234;
constexpr uint32_t kRoomBitrate = 300000;

ServerOptions mediaServer() {
    return sfuServer(R"({"enabled": true, "rooms": {"1234": {"publishers": 4, "bitrate": 300000}}})",
                     R"({"media": {"ice": {"interfaces": ["127.0.0.1"]}}})");
}

// A publisher in room 1234, sending from now on.
std::unique_ptr<WebRtcClient> publish(const ServerProcess &server, const std::string &display, uint16_t width) {
    ClientOptions options;
    options.plugin = "janus.plugin.videoroom";
    options.join = R"({"request":"join","ptype":"publisher","room":1234,"display":")" + display + R"("})";
    options.body = R"({"request":"publish","audio":true,"video":true})";
    auto client = std::make_unique<WebRtcClient>(options);
    client->connect(server.port(ServerProcess::Endpoint::client_ws));
    MediaOptions media;
    media.video_packets_per_second = 200;
    media.video_width = width;
    media.video_height = width * 3 / 4;
    client->startMedia(media);
    return client;
}

uint64_t feedOf(const WebRtcClient &publisher) { return publisher.events().at(0).u64("/plugindata/data/id"); }

// A subscriber to the video (mid "1") of `feed`.
std::unique_ptr<SubscriberClient> subscribe(const ServerProcess &server, uint64_t feed) {
    auto sub = std::make_unique<SubscriberClient>(server.port(ServerProcess::Endpoint::client_ws), "janus.plugin.videoroom");
    Json join = Json::parse(R"({"request":"join","ptype":"subscriber","room":1234})");
    join.setRaw("streams", R"([{"feed":)" + std::to_string(feed) + R"(,"mid":"1"}])");
    Json attached = sub->message(join);
    EXPECT_EQ(attached.str("/plugindata/data/videoroom"), "attached") << attached;
    return sub;
}

ReceivedStream videoOf(const SubscriberClient &sub) {
    auto streams = sub.streams();
    auto it = streams.find(sub.midOf("video"));
    return it == streams.end() ? ReceivedStream{} : it->second;
}

std::string describe(const ReceivedStream &v) {
    return "packets " + std::to_string(v.packets) + " unique " + std::to_string(v.unique) + " keyframes " +
           std::to_string(v.keyframes) + " size " + std::to_string(v.width) + "x" + std::to_string(v.height) +
           " ssrc changes " + std::to_string(v.ssrc_changes) + " seq jumps " + std::to_string(v.seq_jumps);
}

bool videoReaches(SubscriberClient &sub, const std::function<bool(const ReceivedStream &)> &done) {
    std::string mid = sub.midOf("video");
    return sub.waitFor(
        [&](const auto &streams) {
            auto it = streams.find(mid);
            return it != streams.end() && done(it->second);
        },
        kEventTimeout);
}

TEST(SfuMedia, ForwardsFromAKeyframeAndKeepsOneStreamAcrossASwitch) {
    ServerProcess server(mediaServer());
    auto alice = publish(server, "alice", 640);
    auto bob = publish(server, "bob", 320);
    auto sub = subscribe(server, feedOf(*alice));

    // Forwarding starts at a keyframe (a PLI asked for one), with alice's size.
    ASSERT_TRUE(videoReaches(*sub, [](const ReceivedStream &v) { return v.unique >= 300 && v.keyframes >= 1; }))
        << describe(videoOf(*sub)) << "\n" << sub->log();
    ReceivedStream before = videoOf(*sub);
    EXPECT_EQ(before.width, 640);

    // The same m-line now carries bob: one SSRC, no sequence jump, and bob's
    // keyframe (asked for on the switch) comes first.
    Json switched = sub->message(Json::parse(R"({"request":"switch","streams":[{"feed":)" +
                                             std::to_string(feedOf(*bob)) + R"(,"mid":"1","sub_mid":")" +
                                             sub->midOf("video") + R"("}]})"));
    ASSERT_EQ(switched.str("/plugindata/data/switched"), "ok") << switched;
    ASSERT_TRUE(videoReaches(*sub, [&](const ReceivedStream &v) { return v.width == 320 && v.packets > before.packets + 300; }))
        << describe(videoOf(*sub)) << "\n" << sub->log();
    ReceivedStream after = videoOf(*sub);
    EXPECT_EQ(after.ssrc, before.ssrc);
    EXPECT_EQ(after.ssrc_changes, 0u);
    EXPECT_EQ(after.seq_jumps, 0u);
    EXPECT_GE(bob->stats().plis_received, 1u);
}

TEST(SfuMedia, PublishersGetTheRoomsRembCapAndSubscribersPlis) {
    ServerProcess server(mediaServer());
    auto alice = publish(server, "alice", 640);
    auto sub = subscribe(server, feedOf(*alice));
    ASSERT_TRUE(videoReaches(*sub, [](const ReceivedStream &v) { return v.unique >= 100; })) << sub->log();
    ASSERT_TRUE(alice->waitFor([](const ClientStats &s) { return s.rembs_received >= 1; }, kEventTimeout));
    EXPECT_EQ(alice->stats().last_remb_bps, kRoomBitrate);

    uint64_t plis = alice->stats().plis_received;
    sub->sendPli(sub->midOf("video"));
    EXPECT_TRUE(alice->waitFor([&](const ClientStats &s) { return s.plis_received > plis; }, kEventTimeout));
}

TEST(SfuMedia, AModeratedStreamStopsUntilUnmuted) {
    ServerProcess server(mediaServer());
    auto alice = publish(server, "alice", 640);
    auto sub = subscribe(server, feedOf(*alice));
    ASSERT_TRUE(videoReaches(*sub, [](const ReceivedStream &v) { return v.unique >= 100; })) << sub->log();

    Json moderate = Json::parse(R"({"request":"moderate","room":1234,"mid":"1"})").set("id", feedOf(*alice));
    adminSfu(server, Json(moderate).set("mute", true));
    // What was in flight when the mute took effect still arrives: let the
    // publisher send 100 packets, then count from there.
    uint64_t sent = alice->stats().video.sent;
    ASSERT_TRUE(alice->waitFor([&](const ClientStats &s) { return s.video.sent >= sent + 100; }, kEventTimeout));
    uint64_t muted_at = videoOf(*sub).packets;
    sent = alice->stats().video.sent;
    ASSERT_TRUE(alice->waitFor([&](const ClientStats &s) { return s.video.sent >= sent + 400; }, kEventTimeout));
    EXPECT_EQ(videoOf(*sub).packets, muted_at) << "forwarded while muted";

    adminSfu(server, Json(moderate).set("mute", false));
    EXPECT_TRUE(videoReaches(*sub, [&](const ReceivedStream &v) { return v.packets > muted_at + 100; })) << sub->log();
}

} // namespace
} // namespace portunus::test

namespace portunus::test {
namespace {

// Two publishers leave at once: their subscriber gets one offer at a time
// (the second change waits for the answer to the first), ends with every
// m-line of theirs removed, and its PeerConnection still works: a new
// publisher's video reaches it.
TEST(SfuMedia, RenegotiationsQueueWhileAnOfferIsUnanswered) {
    ServerProcess server(mediaServer());
    auto alice = publish(server, "alice", 640);
    auto bob = publish(server, "bob", 640);
    auto sub = std::make_unique<SubscriberClient>(server.port(ServerProcess::Endpoint::client_ws), "janus.plugin.videoroom");
    Json join = Json::parse(R"({"request":"join","ptype":"subscriber","room":1234})");
    join.setRaw("streams", R"([{"feed":)" + std::to_string(feedOf(*alice)) + R"(},{"feed":)" +
                               std::to_string(feedOf(*bob)) + "}]");
    sub->message(join);
    ASSERT_TRUE(videoReaches(*sub, [](const ReceivedStream &v) { return v.unique >= 50; })) << sub->log();

    alice.reset();
    bob.reset();
    ASSERT_TRUE(sub->waitForOffer(
        [](const std::vector<OfferedMid> &mids) {
            return !mids.empty() && std::none_of(mids.begin(), mids.end(), [](const OfferedMid &m) { return m.active; });
        },
        kEventTimeout))
        << sub->log();

    auto carol = publish(server, "carol", 320);
    Json more = Json::parse(R"({"request":"subscribe"})");
    more.setRaw("streams", R"([{"feed":)" + std::to_string(feedOf(*carol)) + R"(,"mid":"1"}])");
    sub->message(more);
    ASSERT_TRUE(videoReaches(*sub, [](const ReceivedStream &v) { return v.width == 320 && v.unique >= 50; }))
        << sub->log();
}

} // namespace
} // namespace portunus::test
