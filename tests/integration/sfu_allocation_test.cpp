// SfuAllocation: no heap allocation per forwarded packet in the SFU, with one
// publisher and ten subscribers in one room.
//
// Server and clients run in this process (as EchoAllocation). The publisher
// joins room 1234 and publishes synthetic VP8 video and Opus-sized audio; ten
// subscribers each subscribe to its two streams. After a warm-up (every
// subscriber has received 1,000 video packets: forwarding tables, rewriters
// and send buffers exist by then), counting is turned on on every server loop
// thread while 10,000 more video packets (and their audio) are forwarded to
// each subscriber; the server's threads must not allocate through operator new.
#include "server_loop_counting.hpp"
#include "support/in_process_server.hpp"
#include "support/subscriber_client.hpp"
#include "support/webrtc_client.hpp"
#include "thread_allocation_counter.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <vector>

namespace portunus::test {
namespace {

constexpr size_t kSubscribers = 10;
constexpr uint64_t kWarmupPackets = 1000;
constexpr uint64_t kCountedPackets = 10000;
constexpr unsigned kVideoRate = 500; // packets per second, forwarded 10 times each
constexpr auto kSafety = std::chrono::seconds((kWarmupPackets + kCountedPackets) / kVideoRate) + kEventTimeout;

constexpr const char *kSfuConfig = R"({
  "enabled": true,
  "rooms": {"1234": {"description": "allocation test", "publishers": 2, "bitrate": 2000000}}
})";

uint64_t fewestVideo(const std::vector<std::unique_ptr<SubscriberClient>> &subscribers, const std::string &mid) {
    uint64_t least = UINT64_MAX;
    for (const auto &s : subscribers) {
        auto streams = s->streams();
        auto it = streams.find(mid);
        least = std::min(least, it == streams.end() ? 0 : it->second.unique);
    }
    return least;
}

TEST(SfuAllocation, NoHeapAllocationPerForwardedPacketWithTenSubscribers) {
    allocations::prepare();
    ServerOptions options;
    options.overrides = R"({"media": {"ice": {"interfaces": ["127.0.0.1"]}}})";
    options.plugin_configs = {{"sfu", kSfuConfig}};
    InProcessServer server(options);

    ClientOptions pub_options;
    pub_options.plugin = "janus.plugin.videoroom";
    pub_options.join = R"({"request":"join","ptype":"publisher","room":1234,"display":"publisher"})";
    pub_options.body = R"({"request":"publish","audio":true,"video":true})";
    WebRtcClient publisher(pub_options);
    publisher.connect(server.clientWsPort());
    uint64_t feed = publisher.events().at(0).u64("/plugindata/data/id");

    std::vector<std::unique_ptr<SubscriberClient>> subscribers;
    for (size_t i = 0; i < kSubscribers; ++i) {
        subscribers.push_back(std::make_unique<SubscriberClient>(server.clientWsPort(), "janus.plugin.videoroom"));
        Json join = Json::parse(R"({"request":"join","ptype":"subscriber","room":1234})");
        join.setRaw("streams", "[{\"feed\":" + std::to_string(feed) + "}]");
        Json attached = subscribers.back()->message(join);
        ASSERT_EQ(attached.str("/plugindata/data/videoroom"), "attached") << attached;
    }
    std::string video_mid = subscribers.front()->midOf("video");
    ASSERT_FALSE(video_mid.empty());

    MediaOptions media;
    media.video_packets = kWarmupPackets + kCountedPackets;
    media.video_packets_per_second = kVideoRate;
    publisher.startMedia(media);
    for (const auto &s : subscribers)
        ASSERT_TRUE(s->waitFor(
            [&](const auto &streams) {
                auto it = streams.find(video_mid);
                return it != streams.end() && it->second.unique >= kWarmupPackets / 2;
            },
            kSafety))
            << s->log();

    allocations::reset();
    setCountingOnServerLoops(server.server(), true);
    uint64_t before = fewestVideo(subscribers, video_mid);
    bool all_arrived = true;
    for (const auto &s : subscribers)
        all_arrived &= s->waitFor(
            [&](const auto &streams) {
                auto it = streams.find(video_mid);
                return it != streams.end() && it->second.unique >= kWarmupPackets + kCountedPackets - 50;
            },
            kSafety);
    setCountingOnServerLoops(server.server(), false);
    uint64_t after = fewestVideo(subscribers, video_mid);
    allocations::Counts counts = allocations::counts();

    uint64_t forwarded = (after - before) * kSubscribers;
    std::cout << "[ counted  ] at least " << forwarded << " video packets forwarded to " << kSubscribers
              << " subscribers on " << server.server().loops().size() << " server loop threads: " << counts.total
              << " allocations (" << counts.operator_new << " through operator new)\n";
    ASSERT_TRUE(all_arrived) << publisher.stats().summary();
    EXPECT_GE(after - before, kCountedPackets - 500);
    EXPECT_EQ(counts.operator_new, 0u) << "the server's threads allocated " << counts.operator_new
                                       << " times through operator new while forwarding:\n"
                                       << allocations::traces(5);
    if (counts.total) std::cout << allocations::traces(0);
}

} // namespace
} // namespace portunus::test
