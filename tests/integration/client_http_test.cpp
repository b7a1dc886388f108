// What only the HTTP transport of the client API does: long-polls
// (GET /janus/{session}?maxev=N) and GET /janus/info.
#include "support/expect.hpp"
#include "support/http_client.hpp"
#include "support/janus_client.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

namespace portunus::test {
namespace {

class ClientHttp : public ::testing::Test {
protected:
    ServerProcess server{{.overrides = R"({"client_api": {"long_poll_timeout_s": 1}})"}};
    std::unique_ptr<JanusClient> client = JanusClient::connect(Transport::http, server);
    uint64_t session = client->createSession();
    uint64_t handle = client->attach(session);

    Json poll(const std::string &query) {
        HttpResult res = httpGet(server.clientHttpPort(), "/janus/" + std::to_string(session) + query);
        EXPECT_EQ(res.status, 200);
        return Json::parse(res.body);
    }
    // A message whose event is queued by the time the reply arrives (the
    // server writes the reply after the request's events are released).
    void queueEvent(const std::string &tx) {
        Json ack = client->request(janusRequest("message").set("transaction", tx).setRaw("body", R"({"video": true})"),
                                   session, handle);
        ASSERT_TRUE(isReply(ack, "ack", tx));
    }
};

TEST_F(ClientHttp, LongPollWithMaxev1ReturnsOneEventAsAnObject) {
    queueEvent("first");
    queueEvent("second");
    Json one = poll("?maxev=1");
    ASSERT_TRUE(one.isObject()) << one;
    EXPECT_TRUE(isReply(one, "event", "first"));
    EXPECT_EQ(one.u64("/sender"), handle);
    Json two = poll("?maxev=1");
    EXPECT_TRUE(isReply(two, "event", "second"));
}

TEST_F(ClientHttp, LongPollWithoutMaxevReturnsOneEventAsAnObject) {
    queueEvent("only");
    Json one = poll("");
    ASSERT_TRUE(one.isObject()) << one;
    EXPECT_TRUE(isReply(one, "event", "only"));
}

TEST_F(ClientHttp, LongPollWithMaxevAboveOneReturnsTheQueuedEventsAsAnArray) {
    queueEvent("a");
    queueEvent("b");
    queueEvent("c");
    Json two = poll("?maxev=2");
    ASSERT_TRUE(two.isArray()) << two;
    auto events = two.items();
    ASSERT_EQ(events.size(), 2u) << two;
    EXPECT_TRUE(isReply(events[0], "event", "a"));
    EXPECT_TRUE(isReply(events[1], "event", "b"));

    Json rest = poll("?maxev=10");
    ASSERT_TRUE(rest.isArray()) << rest;
    ASSERT_EQ(rest.size(), 1u) << rest;
    EXPECT_TRUE(isReply(rest.items()[0], "event", "c"));
    EXPECT_EQ(rest.at("/0/plugindata/data"), Json::parse(R"({"echotest":"event","result":"ok"})"));
}

TEST_F(ClientHttp, LongPollWithNothingQueuedAnswersKeepaliveAfterItsTimeout) {
    Json reply = poll("?maxev=1");
    EXPECT_EQ(reply, Json::parse(R"({"janus":"keepalive"})"));
}

TEST_F(ClientHttp, LongPollOnAnUnknownSessionIs458) {
    HttpResult res = httpGet(server.clientHttpPort(), "/janus/12345?maxev=1");
    EXPECT_EQ(res.status, 200);
    EXPECT_TRUE(isError(Json::parse(res.body), 458));
}

TEST_F(ClientHttp, GetInfoIsServerInfo) {
    HttpResult res = httpGet(server.clientHttpPort(), "/janus/info");
    ASSERT_EQ(res.status, 200);
    Json info = Json::parse(res.body);
    EXPECT_TRUE(isReply(info, "server_info"));
    EXPECT_TRUE(info.has("/plugins/portunus.plugin.echotest")) << info;
}

TEST_F(ClientHttp, ClaimNeedsAWebSocket) {
    Json req = janusRequest("claim");
    EXPECT_TRUE(isError(client->request(req, session), 450, req.str("/transaction")));
}

} // namespace
} // namespace portunus::test
