// EchoAllocation: no heap allocation per forwarded packet on the echo path.
//
// The server runs in this process (support/in_process_server) and so does the
// client (support/webrtc_client), each on its own threads. After a warm-up of
// 1,000 echoed video packets (pools, buffers and streams exist by then), a
// task posted to each of the server's loops opts that thread into allocation
// counting (thread_allocation_counter: malloc-level, so GLib, libnice and
// OpenSSL count as well as C++); then 10,000 more video packets (plus audio)
// go through echotest and back, and the server's threads must not have
// allocated once. When they did, the failure lists every call stack that
// allocated, with its count, and the full backtraces of the most frequent.
#include "server_loop_counting.hpp"
#include "support/in_process_server.hpp"
#include "support/webrtc_client.hpp"
#include "thread_allocation_counter.hpp"

#include <gtest/gtest.h>

#include <iostream>

namespace portunus::test {
namespace {

constexpr uint64_t kWarmupPackets = 1000;
constexpr uint64_t kCountedPackets = 10000;
constexpr unsigned kVideoRate = 1000; // packets per second: 11,000 take 11 s
constexpr auto kSafety = std::chrono::seconds((kWarmupPackets + kCountedPackets) / kVideoRate) + kEventTimeout;

TEST(EchoAllocation, NoHeapAllocationPerEchoedPacketOnTheServerThreads) {
    allocations::prepare();
    ServerOptions options;
    options.overrides = R"({"media": {"ice": {"interfaces": ["127.0.0.1"]}}})";
    InProcessServer server(options);
    WebRtcClient client;
    client.connect(server.clientWsPort());

    MediaOptions media;
    media.video_packets = kWarmupPackets + kCountedPackets;
    media.video_packets_per_second = kVideoRate;
    client.startMedia(media);
    ASSERT_TRUE(client.waitFor([](const ClientStats &s) { return s.video.received >= kWarmupPackets; }, kSafety))
        << client.stats().summary() << "\n" << client.log();

    allocations::reset();
    setCountingOnServerLoops(server.server(), true);
    ClientStats before = client.stats();
    bool all_back = client.waitFor(
        [&](const ClientStats &s) { return s.video.received >= kWarmupPackets + kCountedPackets; }, kSafety);
    setCountingOnServerLoops(server.server(), false);
    ClientStats after = client.stats();
    allocations::Counts counts = allocations::counts();

    uint64_t video = after.video.received - before.video.received;
    uint64_t audio = after.audio.received - before.audio.received;
    std::cout << "[ counted  ] " << video << " video + " << audio << " audio packets echoed on "
              << server.server().loops().size() << " server loop threads: " << counts.total << " allocations ("
              << counts.operator_new << " through operator new)\n"
              << "[ stats    ] " << after.summary() << "\n";

    ASSERT_TRUE(all_back) << after.summary();
    EXPECT_GE(video, kCountedPackets - 100); // the counting window covers ~10,000 echoed packets
    // Our code (everything C++ on the server's loops) must not allocate at all.
    EXPECT_EQ(counts.operator_new, 0u) << "the server's threads allocated " << counts.operator_new
                                       << " times through operator new while echoing " << video << " video and "
                                       << audio << " audio packets:\n"
                                       << allocations::traces(5);
    // C libraries on the path (libnice/GIO, crypto) are measured too and printed
    // above with their call sites; what they allocate is reported, not asserted.
    if (counts.total) std::cout << allocations::traces(0);
}

} // namespace
} // namespace portunus::test
