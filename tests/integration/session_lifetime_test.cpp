// How sessions end without a destroy: the keepalive timeout (the client is
// told "timeout") and the close of the WebSocket that created them.
#include "support/expect.hpp"
#include "support/janus_client.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace portunus::test {
namespace {

std::vector<uint64_t> listSessions(const ServerProcess &server) {
    AdminClient admin(Transport::http, server);
    Json reply = admin.requestWithSecret(janusRequest("list_sessions"));
    EXPECT_TRUE(isReply(reply, "success"));
    std::vector<uint64_t> ids;
    for (const auto &id : reply.items("/sessions")) ids.push_back(id.u64(""));
    return ids;
}

bool contains(const std::vector<uint64_t> &ids, uint64_t id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); }

TEST(SessionLifetime, AQuietSessionTimesOutAndItsClientIsTold) {
    ServerProcess server({.overrides = R"({"general": {"session_timeout_s": 1}})"});
    auto client = JanusClient::connect(Transport::websocket, server);
    uint64_t session = client->createSession();

    // Quiet from here on: the next thing on the socket is the timeout event.
    Json event = client->nextEvent(session);
    EXPECT_TRUE(isReply(event, "timeout"));
    EXPECT_EQ(event.u64("/session_id"), session);
    EXPECT_TRUE(server.waitForLog("s=" + std::to_string(session) + " timed out"));

    Json keepalive = janusRequest("keepalive");
    EXPECT_TRUE(isError(client->request(keepalive, session), 458, keepalive.str("/transaction")));
    EXPECT_FALSE(contains(listSessions(server), session));
}

TEST(SessionLifetime, ATimedOutSessionsHandlesAreDetached) {
    ServerProcess server({.overrides = R"({"general": {"session_timeout_s": 1}})"});
    auto client = JanusClient::connect(Transport::websocket, server);
    uint64_t session = client->createSession();
    uint64_t handle = client->attach(session);

    EXPECT_TRUE(isReply(client->nextEvent(session), "timeout"));
    Json detached = client->nextEvent(session);
    EXPECT_TRUE(isReply(detached, "detached"));
    EXPECT_EQ(detached.u64("/sender"), handle);
    EXPECT_TRUE(server.waitForLog("s=" + std::to_string(session) + " destroyed"));
    AdminClient admin(Transport::http, server);
    Json stats = admin.requestWithSecret(
        janusRequest("message_plugin").set("plugin", "janus.plugin.echotest").setRaw("request", R"({"request":"stats"})"));
    EXPECT_EQ(stats.u64("/response/sessions"), 0u) << stats;
}

TEST(SessionLifetime, ClosingAWebSocketDestroysTheSessionsItCreated) {
    ServerProcess server;
    auto http = JanusClient::connect(Transport::http, server);
    uint64_t survivor = http->createSession();
    uint64_t gone_a, gone_b;
    {
        auto ws = JanusClient::connect(Transport::websocket, server);
        gone_a = ws->createSession();
        gone_b = ws->createSession();
        ws->attach(gone_b);
        auto before = listSessions(server);
        ASSERT_TRUE(contains(before, gone_a) && contains(before, gone_b) && contains(before, survivor));
    } // the WebSocket closes here

    for (uint64_t id : {gone_a, gone_b}) {
        std::string s = "s=" + std::to_string(id) + " ";
        auto closed = server.waitForLog(s + "its WebSocket closed");
        ASSERT_TRUE(closed) << "no 'its WebSocket closed' for session " << id;
        // The session is removed just before "destroyed" is logged.
        ASSERT_TRUE(server.waitForLog(s + "destroyed"));
    }
    auto after = listSessions(server);
    EXPECT_FALSE(contains(after, gone_a));
    EXPECT_FALSE(contains(after, gone_b));
    EXPECT_TRUE(contains(after, survivor));
    EXPECT_TRUE(isReply(http->request(janusRequest("keepalive"), survivor), "ack"));
}

} // namespace
} // namespace portunus::test
