// The Janus client API, the same requests over HTTP and over the WebSocket
// (subprotocol janus-protocol): create, attach, message (ack then event),
// trickle, keepalive, hangup, detach, destroy, info, ping.
#include "support/expect.hpp"
#include "support/janus_client.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>


namespace portunus::test {
namespace {

class ClientApi : public ::testing::TestWithParam<Transport> {
protected:
    ServerProcess server;
    std::unique_ptr<JanusClient> client = JanusClient::connect(GetParam(), server);

    // Sends an echotest message and returns {ack, event}.
    std::pair<Json, Json> echotest(uint64_t session, uint64_t handle, const std::string &body, const std::string &tx) {
        Json ack = client->request(janusRequest("message").set("transaction", tx).setRaw("body", body), session, handle);
        return {ack, client->nextEvent(session)};
    }
};

TEST_P(ClientApi, CreateGivesASessionId) {
    Json req = janusRequest("create");
    Json reply = client->request(req);
    EXPECT_TRUE(isReply(reply, "success", req.str("/transaction")));
    EXPECT_GT(reply.u64("/data/id"), 0u);
    // The id stays exact in a JavaScript number.
    EXPECT_LE(reply.u64("/data/id"), (uint64_t(1) << 53) - 1);
    EXPECT_NE(client->createSession(), reply.u64("/data/id"));
}

TEST_P(ClientApi, CreateWithAWantedIdUsesItAndRefusesItsReuse) {
    constexpr uint64_t wanted = 4503599627370001; // below 2^53: exact in JavaScript
    Json first = client->request(janusRequest("create").set("id", wanted));
    ASSERT_TRUE(isReply(first, "success"));
    EXPECT_EQ(first.u64("/data/id"), wanted);

    Json again = janusRequest("create").set("id", wanted);
    EXPECT_TRUE(isError(client->request(again), 468, again.str("/transaction")));
}

TEST_P(ClientApi, AttachToEchotestByItsJanusName) {
    uint64_t session = client->createSession();
    Json req = janusRequest("attach").set("plugin", "janus.plugin.echotest");
    Json reply = client->request(req, session);
    EXPECT_TRUE(isReply(reply, "success", req.str("/transaction")));
    EXPECT_EQ(reply.u64("/session_id"), session);
    EXPECT_GT(reply.u64("/data/id"), 0u);
}

TEST_P(ClientApi, AttachToEchotestByItsPortunusName) {
    uint64_t session = client->createSession();
    Json reply = client->request(janusRequest("attach").set("plugin", "portunus.plugin.echotest"), session);
    EXPECT_TRUE(isReply(reply, "success"));
    EXPECT_GT(reply.u64("/data/id"), 0u);
}

TEST_P(ClientApi, MessageIsAckedThenAnsweredByAnEvent) {
    uint64_t session = client->createSession();
    uint64_t handle = client->attach(session, "portunus.plugin.echotest");
    auto [ack, event] = echotest(session, handle, R"({"audio": true, "video": false, "bitrate": 128000})", "echo-1");

    EXPECT_TRUE(isReply(ack, "ack", "echo-1"));
    EXPECT_EQ(ack.u64("/session_id"), session);
    EXPECT_TRUE(isReply(event, "event", "echo-1"));
    EXPECT_EQ(event.u64("/session_id"), session);
    EXPECT_EQ(event.u64("/sender"), handle);
    EXPECT_EQ(event.str("/plugindata/plugin"), "portunus.plugin.echotest");
    EXPECT_EQ(event.at("/plugindata/data"), Json::parse(R"({"echotest":"event","result":"ok"})"));
}

TEST_P(ClientApi, EventsNameThePluginAsTheClientAttachedToIt) {
    uint64_t session = client->createSession();
    uint64_t handle = client->attach(session, "janus.plugin.echotest");
    auto [ack, event] = echotest(session, handle, R"({"audio": false})", "echo-2");
    EXPECT_TRUE(isReply(ack, "ack", "echo-2"));
    EXPECT_TRUE(isReply(event, "event", "echo-2"));
    EXPECT_EQ(event.str("/plugindata/plugin"), "janus.plugin.echotest");
}

TEST_P(ClientApi, EchotestAnswersABadBodyWithAnErrorEvent) {
    uint64_t session = client->createSession();
    uint64_t handle = client->attach(session);
    auto [ack, event] = echotest(session, handle, R"({"audio": "yes"})", "echo-bad");
    EXPECT_TRUE(isReply(ack, "ack", "echo-bad"));
    EXPECT_TRUE(isReply(event, "event", "echo-bad"));
    EXPECT_EQ(event.u64("/sender"), handle);
    EXPECT_EQ(event.i64("/plugindata/data/error_code"), 413);
    EXPECT_FALSE(event.str("/plugindata/data/error").empty());
    EXPECT_FALSE(event.has("/plugindata/data/result"));
}

TEST_P(ClientApi, TrickleTakesACandidateCandidatesOrCompleted) {
    uint64_t session = client->createSession();
    uint64_t handle = client->attach(session);
    Json one = janusRequest("trickle").setRaw(
        "candidate", R"({"candidate":"candidate:1 1 udp 2130706431 192.0.2.1 50000 typ host","sdpMid":"0","sdpMLineIndex":0})");
    EXPECT_TRUE(isReply(client->request(one, session, handle), "ack", one.str("/transaction")));

    Json many = janusRequest("trickle").setRaw(
        "candidates", R"([{"candidate":"candidate:2 1 udp 2130706431 192.0.2.2 50001 typ host","sdpMid":"0","sdpMLineIndex":0},
                         {"candidate":"candidate:3 1 udp 2130706431 192.0.2.3 50002 typ host","sdpMid":"1","sdpMLineIndex":1}])");
    EXPECT_TRUE(isReply(client->request(many, session, handle), "ack", many.str("/transaction")));

    Json done = janusRequest("trickle").setRaw("candidate", R"({"completed": true})");
    EXPECT_TRUE(isReply(client->request(done, session, handle), "ack", done.str("/transaction")));

    Json neither = janusRequest("trickle");
    EXPECT_TRUE(isError(client->request(neither, session, handle), 456, neither.str("/transaction")));
}

TEST_P(ClientApi, KeepaliveIsAcked) {
    uint64_t session = client->createSession();
    Json req = janusRequest("keepalive");
    Json reply = client->request(req, session);
    EXPECT_TRUE(isReply(reply, "ack", req.str("/transaction")));
    EXPECT_EQ(reply.u64("/session_id"), session);
}

TEST_P(ClientApi, HangupSucceeds) {
    uint64_t session = client->createSession();
    uint64_t handle = client->attach(session);
    Json req = janusRequest("hangup");
    EXPECT_TRUE(isReply(client->request(req, session, handle), "success", req.str("/transaction")));
}

TEST_P(ClientApi, DetachSucceedsThenSendsDetachedAndTheHandleIsGone) {
    uint64_t session = client->createSession();
    uint64_t handle = client->attach(session);
    Json req = janusRequest("detach");
    EXPECT_TRUE(isReply(client->request(req, session, handle), "success", req.str("/transaction")));

    Json event = client->nextEvent(session);
    EXPECT_TRUE(isReply(event, "detached"));
    EXPECT_EQ(event.u64("/session_id"), session);
    EXPECT_EQ(event.u64("/sender"), handle);

    Json after = janusRequest("message").setRaw("body", R"({"audio": true})");
    EXPECT_TRUE(isError(client->request(after, session, handle), 459, after.str("/transaction")));
    // The session itself lives on.
    EXPECT_TRUE(isReply(client->request(janusRequest("keepalive"), session), "ack"));
}

TEST_P(ClientApi, DestroySucceedsThenTheSessionIsGone) {
    uint64_t session = client->createSession();
    uint64_t handle = client->attach(session);
    Json req = janusRequest("destroy");
    EXPECT_TRUE(isReply(client->request(req, session), "success", req.str("/transaction")));

    Json keepalive = janusRequest("keepalive");
    EXPECT_TRUE(isError(client->request(keepalive, session), 458, keepalive.str("/transaction")));
    Json attach = janusRequest("attach").set("plugin", "janus.plugin.echotest");
    EXPECT_TRUE(isError(client->request(attach, session), 458, attach.str("/transaction")));
    Json message = janusRequest("message").setRaw("body", "{}");
    EXPECT_TRUE(isError(client->request(message, session, handle), 458, message.str("/transaction")));
}

TEST_P(ClientApi, InfoListsTheEchotestPlugin) {
    Json req = janusRequest("info");
    Json reply = client->request(req);
    ASSERT_TRUE(isReply(reply, "server_info", req.str("/transaction")));
    EXPECT_EQ(reply.str("/name"), "Portunus");
    ASSERT_TRUE(reply.isObject("/plugins"));
    ASSERT_TRUE(reply.has("/plugins/portunus.plugin.echotest")) << reply;
    EXPECT_EQ(reply.str("/plugins/portunus.plugin.echotest/aliases/0"), "janus.plugin.echotest");
}

TEST_P(ClientApi, PingGetsPong) {
    Json req = janusRequest("ping");
    EXPECT_TRUE(isReply(client->request(req), "pong", req.str("/transaction")));
}

INSTANTIATE_TEST_SUITE_P(, ClientApi, ::testing::Values(Transport::http, Transport::websocket),
                         transportParamName);

} // namespace
} // namespace portunus::test
