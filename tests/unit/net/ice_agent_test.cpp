// Two real libnice agents on one loop connect over loopback with trickled
// candidates and carry a datagram; an allow list that matches nothing fails.
#include "loop/loop.hpp"
#include "net/ice_agent.hpp"

#include <boost/asio/post.hpp>

#include <gtest/gtest.h>

#include <condition_variable>
#include <future>
#include <mutex>
#include <sstream>

using namespace portunus;
using namespace portunus::net;

namespace {

struct Side : IceAgent::Listener {
    std::mutex m;
    std::condition_variable cv;
    std::vector<std::string> candidates;
    bool gathered = false;
    IceAgent::State state = IceAgent::State::idle;
    std::string received;

    void onIceCandidate(const std::string &c) override { notify([&] { candidates.push_back(c); }); }
    void onIceGatheringDone() override { notify([&] { gathered = true; }); }
    void onIceStateChanged(IceAgent::State s) override { notify([&] { state = s; }); }
    void onIcePacket(const uint8_t *d, size_t n) override {
        notify([&] { received.assign(reinterpret_cast<const char *>(d), n); });
    }
    template <typename F>
    void notify(F f) {
        std::lock_guard lock(m);
        f();
        cv.notify_all();
    }
    template <typename P>
    bool waitFor(P p) {
        std::unique_lock lock(m);
        return cv.wait_for(lock, std::chrono::seconds(20), p);
    }
};

template <typename F>
auto onLoop(Loop &loop, F f) {
    std::promise<decltype(f())> done;
    boost::asio::post(loop.context(), [&] { done.set_value(f()); });
    return done.get_future().get();
}

} // namespace

TEST(IceAgent, ConnectsOverLoopbackAndCarriesData) {
    Loop loop(0);
    loop.start();
    IceConfig config;
    config.local_addresses = {"127.0.0.1"};
    Side server_side, client_side;
    auto server = onLoop(loop, [&] { return new IceAgent(loop.glibContext(), config, server_side, false); });
    auto client = onLoop(loop, [&] { return new IceAgent(loop.glibContext(), config, client_side, true); });
    std::string error;
    ASSERT_TRUE(onLoop(loop, [&] { return server->start(client->localUfrag(), client->localPassword(), error); })) << error;
    ASSERT_TRUE(onLoop(loop, [&] { return client->start(server->localUfrag(), server->localPassword(), error); })) << error;
    ASSERT_TRUE(server_side.waitFor([&] { return server_side.gathered; }));
    ASSERT_TRUE(client_side.waitFor([&] { return client_side.gathered; }));
    ASSERT_FALSE(server_side.candidates.empty());
    EXPECT_NE(server_side.candidates[0].find("127.0.0.1"), std::string::npos) << server_side.candidates[0];
    onLoop(loop, [&] {
        for (auto &c : server_side.candidates) EXPECT_TRUE(client->addRemoteCandidate(c)) << c;
        for (auto &c : client_side.candidates) EXPECT_TRUE(server->addRemoteCandidate("a=" + c)) << c;
        client->remoteGatheringDone();
        server->remoteGatheringDone();
        return true;
    });
    ASSERT_TRUE(server_side.waitFor([&] { return server_side.state == IceAgent::State::ready; }));
    ASSERT_TRUE(client_side.waitFor([&] { return client_side.state == IceAgent::State::ready; }));
    const std::string hello = "over ICE";
    ASSERT_TRUE(onLoop(loop, [&] { return client->send(reinterpret_cast<const uint8_t *>(hello.data()), hello.size()); }));
    ASSERT_TRUE(server_side.waitFor([&] { return !server_side.received.empty(); }));
    EXPECT_EQ(server_side.received, hello);
    EXPECT_NE(onLoop(loop, [&] { return server->selectedLocal(); }).find("127.0.0.1"), std::string::npos);
    onLoop(loop, [&] {
        delete client;
        delete server;
        return true;
    });
    loop.stop();
}

TEST(IceAgent, PortRangeAndOneToOneNatShapeTheCandidates) {
    Loop loop(0);
    loop.start();
    IceConfig config;
    config.local_addresses = {"127.0.0.1"};
    config.port_min = 41000;
    config.port_max = 41010;
    config.public_ip = "198.51.100.7"; // 1:1 NAT: advertised instead of the host address
    Side side, peer;
    auto agent = onLoop(loop, [&] { return new IceAgent(loop.glibContext(), config, side); });
    std::string error;
    ASSERT_TRUE(onLoop(loop, [&] { return agent->start("abcd", "0123456789012345678901", error); })) << error;
    ASSERT_TRUE(side.waitFor([&] { return side.gathered; }));
    ASSERT_FALSE(side.candidates.empty());
    for (const auto &c : side.candidates) {
        // candidate:<foundation> <component> <transport> <priority> <address> <port> typ host
        std::istringstream in(c);
        std::string foundation, component, transport, priority, address;
        int port = 0;
        in >> foundation >> component >> transport >> priority >> address >> port;
        EXPECT_EQ(address, "198.51.100.7") << c;
        EXPECT_GE(port, 41000) << c;
        EXPECT_LE(port, 41010) << c;
    }
    onLoop(loop, [&] {
        delete agent;
        return true;
    });
    loop.stop();
}

TEST(IceAgent, UnknownCandidateIsRefused) {
    Loop loop(0);
    loop.start();
    IceConfig config;
    config.local_addresses = {"127.0.0.1"};
    Side side;
    bool ok = onLoop(loop, [&] {
        IceAgent agent(loop.glibContext(), config, side);
        return agent.addRemoteCandidate("candidate:garbage");
    });
    EXPECT_FALSE(ok);
    loop.stop();
}

TEST(IceConfig, AllowListThatMatchesNothingIsAnError) {
    std::string error;
    EXPECT_TRUE(resolveInterfaces({"no-such-interface0"}, {}, true, error).empty());
    EXPECT_NE(error.find("no interface matches"), std::string::npos);
    error.clear();
    auto lo = resolveInterfaces({"lo"}, {}, false, error);
    ASSERT_EQ(lo.size(), 1u) << error;
    EXPECT_EQ(lo[0], "127.0.0.1");
    EXPECT_TRUE(resolveInterfaces({"lo"}, {"127.0.0.1"}, false, error).empty());
}
