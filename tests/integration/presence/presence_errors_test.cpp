// Bad input over the wire: stable codes, a rate limit against floods, and
// nothing changed by a refused request.
#include "presence_client.hpp"

#include "support/janus_client.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace portunus::test {
namespace {

TEST(PresenceErrors, RefusedRequestsGetTheirCodesAndChangeNothing) {
    ServerOptions o;
    o.plugin_configs = {{"presence", presenceConfig(R"("max_scope_members": 1, "max_watched_per_session": 1)")}};
    ServerProcess server(o);
    PresenceClient alice(server), bob(server);
    EXPECT_EQ(alice.sendExpectingError(R"({"request":"track","scope":"galaxy:1","user":"alice"})"), 423);
    EXPECT_EQ(alice.sendExpectingError(R"({"request":"heartbeat"})"), 424);
    EXPECT_EQ(alice.sendExpectingError(R"({"request":"teleport"})"), 422);
    EXPECT_EQ(alice.sendExpectingError(R"({"request":"track","scope":"room:1","user":""})"), 421);
    alice.send(R"({"request":"track","scope":"room:1","user":"alice"})");
    EXPECT_EQ(bob.sendExpectingError(R"({"request":"track","scope":"room:1","user":"bob"})"), 425);
    EXPECT_EQ(alice.sendExpectingError(R"({"request":"track","scope":"room:2","user":"eve"})"), 429);
    bob.send(R"({"request":"watch","scope":"room:1"})");
    EXPECT_EQ(bob.sendExpectingError(R"({"request":"watch","scope":"room:2"})"), 427);

    Json list = bob.send(R"({"request":"list","scope":"room:1"})");
    ASSERT_EQ(list.size("/members"), 1u);
    EXPECT_EQ(list.str("/members/0/user"), "alice");
    EXPECT_EQ(list.u64("/members/0/devices"), 1u);
    EXPECT_EQ(list.u64("/counts/online"), 1u);
}

TEST(PresenceErrors, AFloodIsRateLimitedLoggedOnceAndRefusedRequestsChangeNothing) {
    ServerOptions o;
    o.plugin_configs = {{"presence", presenceConfig(R"("requests_per_s": 1, "request_burst": 5, "max_tracked_per_session": 100)")}};
    ServerProcess server(o);
    PresenceClient flooder(server);
    std::vector<int64_t> codes;
    for (int i = 0; i < 50; ++i)
        codes.push_back(flooder.code(R"({"request":"track","user":"f","scope":"room:)" + std::to_string(i) + "\"}"));
    EXPECT_EQ(std::count(codes.begin(), codes.end(), 428) + std::count(codes.begin(), codes.end(), 0), 50);
    EXPECT_GE(std::count(codes.begin(), codes.end(), 428), 1);
    EXPECT_EQ(server.grepLog("over the request rate limit").size(), 1u);
    // Exactly the scopes whose track was answered "success" are tracked.
    AdminClient admin(Transport::http, server);
    Json info = admin.requestWithSecret(
        janusRequest("handle_info").set("session_id", flooder.session()).set("handle_id", flooder.handle()));
    std::vector<std::string> expected, tracked;
    for (int i = 0; i < 50; ++i)
        if (codes[i] == 0) expected.push_back("room:" + std::to_string(i));
    for (const Json &s : info.items("/info/plugin_specific/tracked")) tracked.push_back(s.str(""));
    EXPECT_EQ(tracked, expected);
}

} // namespace
} // namespace portunus::test
