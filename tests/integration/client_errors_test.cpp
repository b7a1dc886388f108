// Every error the client API can answer, with its Janus code, over HTTP and
// over the WebSocket; the request's transaction is echoed whenever the server
// could read it.
#include "support/expect.hpp"
#include "support/http_client.hpp"
#include "support/janus_client.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

namespace portunus::test {
namespace {

class ClientErrors : public ::testing::TestWithParam<Transport> {
protected:
    ServerProcess server;
    std::unique_ptr<JanusClient> client = JanusClient::connect(GetParam(), server);

    // Sends `req` and checks the answer is error `code` echoing its transaction.
    ::testing::AssertionResult refused(Json req, int code, uint64_t session = 0, uint64_t handle = 0) {
        std::string tx = req.str("/transaction");
        return isError(client->request(std::move(req), session, handle), code, tx);
    }
    // Sends raw text and checks for error `code` without a transaction.
    ::testing::AssertionResult refusedRaw(const std::string &text, int code) {
        Json reply = client->sendRaw(text);
        if (reply.has("/transaction")) return ::testing::AssertionFailure() << "unexpected transaction in " << reply;
        return isError(reply, code);
    }
};

TEST_P(ClientErrors, EmptyRequestIs452) { EXPECT_TRUE(refusedRaw("", 452)); }

TEST_P(ClientErrors, UnknownRequestIs453) {
    uint64_t session = client->createSession();
    uint64_t handle = client->attach(session);
    EXPECT_TRUE(refused(janusRequest("explode"), 453, session));
    EXPECT_TRUE(refused(janusRequest("explode"), 453, session, handle));
}

TEST_P(ClientErrors, InvalidJsonIs454) {
    EXPECT_TRUE(refusedRaw(R"({"janus": "create", "transaction": )", 454));
    EXPECT_TRUE(refusedRaw("not json at all", 454));
    EXPECT_TRUE(refusedRaw(R"({"janus": "create",})", 454));
}

TEST_P(ClientErrors, JsonThatIsNotAnObjectIs455) {
    EXPECT_TRUE(refusedRaw(R"(["janus", "create"])", 455));
    EXPECT_TRUE(refusedRaw(R"("create")", 455));
    EXPECT_TRUE(refusedRaw("42", 455));
    EXPECT_TRUE(refusedRaw("null", 455));
}

TEST_P(ClientErrors, MissingTransactionIs456) { EXPECT_TRUE(refusedRaw(R"({"janus": "create"})", 456)); }

TEST_P(ClientErrors, MissingJanusIs456) { EXPECT_TRUE(refused(Json().set("transaction", "no-janus"), 456)); }

TEST_P(ClientErrors, AttachWithoutPluginIs456) {
    uint64_t session = client->createSession();
    EXPECT_TRUE(refused(janusRequest("attach"), 456, session));
}

TEST_P(ClientErrors, MessageWithoutBodyIs456) {
    uint64_t session = client->createSession();
    uint64_t handle = client->attach(session);
    EXPECT_TRUE(refused(janusRequest("message"), 456, session, handle));
}

TEST_P(ClientErrors, RequestsAtTheWrongLevelAre457) {
    uint64_t session = client->createSession();
    uint64_t handle = client->attach(session);
    // Session requests without a session.
    EXPECT_TRUE(refused(janusRequest("attach").set("plugin", "janus.plugin.echotest"), 457));
    EXPECT_TRUE(refused(janusRequest("keepalive"), 457));
    EXPECT_TRUE(refused(janusRequest("destroy"), 457));
    // create on a session, create and attach on a handle.
    EXPECT_TRUE(refused(janusRequest("create"), 457, session));
    EXPECT_TRUE(refused(janusRequest("create"), 457, session, handle));
    EXPECT_TRUE(refused(janusRequest("attach").set("plugin", "janus.plugin.echotest"), 457, session, handle));
    // Handle requests without a handle.
    EXPECT_TRUE(refused(janusRequest("message").setRaw("body", "{}"), 457, session));
    EXPECT_TRUE(refused(janusRequest("trickle").setRaw("candidate", R"({"completed":true})"), 457, session));
    EXPECT_TRUE(refused(janusRequest("detach"), 457, session));
    EXPECT_TRUE(refused(janusRequest("hangup"), 457, session));
}

TEST_P(ClientErrors, UnknownSessionIs458) {
    EXPECT_TRUE(refused(janusRequest("keepalive"), 458, 424242));
    EXPECT_TRUE(refused(janusRequest("attach").set("plugin", "janus.plugin.echotest"), 458, 424242));
    EXPECT_TRUE(refused(janusRequest("message").setRaw("body", "{}"), 458, 424242, 434343));
}

TEST_P(ClientErrors, UnknownHandleIs459) {
    uint64_t session = client->createSession();
    EXPECT_TRUE(refused(janusRequest("message").setRaw("body", "{}"), 459, session, 434343));
    EXPECT_TRUE(refused(janusRequest("detach"), 459, session, 434343));
}

TEST_P(ClientErrors, UnknownPluginIs460) {
    uint64_t session = client->createSession();
    EXPECT_TRUE(refused(janusRequest("attach").set("plugin", "janus.plugin.nosuchthing"), 460, session));
}

TEST_P(ClientErrors, UnknownJsepTypeIs464) {
    uint64_t session = client->createSession();
    uint64_t handle = client->attach(session);
    Json req = janusRequest("message").setRaw("body", "{}").setRaw("jsep", R"({"type": "pranswer", "sdp": "v=0"})");
    EXPECT_TRUE(refused(req, 464, session, handle));
}

TEST_P(ClientErrors, EmptySdpIs465) {
    uint64_t session = client->createSession();
    uint64_t handle = client->attach(session);
    Json req = janusRequest("message").setRaw("body", "{}").setRaw("jsep", R"({"type": "offer", "sdp": ""})");
    EXPECT_TRUE(refused(req, 465, session, handle));
}

TEST_P(ClientErrors, ElementsOfTheWrongTypeAre467) {
    uint64_t session = client->createSession();
    uint64_t handle = client->attach(session);
    EXPECT_TRUE(refused(Json().set("transaction", "t-janus").set("janus", 5), 467));
    EXPECT_TRUE(refused(janusRequest("create").set("id", "seven"), 467));
    EXPECT_TRUE(refused(janusRequest("attach").set("plugin", 42), 467, session));
    EXPECT_TRUE(refused(janusRequest("attach").set("plugin", "janus.plugin.echotest").set("opaque_id", true), 467,
                        session));
    EXPECT_TRUE(refused(janusRequest("message").set("body", "text"), 467, session, handle));
    EXPECT_TRUE(refused(janusRequest("message").setRaw("body", "{}").set("jsep", "offer"), 467, session, handle));
    EXPECT_TRUE(refused(janusRequest("message").setRaw("body", "{}").setRaw("jsep", R"({"type": 1, "sdp": "v=0"})"),
                        467, session, handle));
    EXPECT_TRUE(refused(janusRequest("trickle").set("candidate", "candidate:1"), 467, session, handle));
    EXPECT_TRUE(refused(janusRequest("trickle").setRaw("candidates", R"({"a": 1})"), 467, session, handle));
    // A transaction that is not a string cannot be echoed.
    EXPECT_TRUE(refusedRaw(R"({"janus": "create", "transaction": 7})", 467));
}

TEST_P(ClientErrors, SessionIdConflictIs468) {
    uint64_t session = client->createSession();
    EXPECT_TRUE(refused(janusRequest("create").set("id", session), 468));
    // Beyond 2^53 a JavaScript client could not hold the id exactly.
    EXPECT_TRUE(refused(janusRequest("create").set("id", uint64_t(1) << 60), 468));
}

INSTANTIATE_TEST_SUITE_P(, ClientErrors, ::testing::Values(Transport::http, Transport::websocket),
                         transportParamName);

// Paths only HTTP has.
class ClientHttpErrors : public ::testing::Test {
protected:
    ServerProcess server;
    Json post(const std::string &path, const std::string &body) {
        HttpResult res = httpPost(server.clientHttpPort(), path, body);
        EXPECT_EQ(res.status, 200) << path;
        return Json::parse(res.body);
    }
};

TEST_F(ClientHttpErrors, MalformedPathsAre457) {
    std::string ping = janusRequest("ping").text();
    EXPECT_TRUE(isError(post("/janus/notanumber/12", ping), 457));
    EXPECT_TRUE(isError(post("/janus/12/notanumber", ping), 457));
    EXPECT_TRUE(isError(post("/janus/12/34/56", ping), 457));
    EXPECT_TRUE(isError(post("/janus/0", ping), 457));
}

TEST_F(ClientHttpErrors, GetOnAHandlePathIs457) {
    auto client = JanusClient::connect(Transport::http, server);
    uint64_t session = client->createSession();
    uint64_t handle = client->attach(session);
    HttpResult res = httpGet(server.clientHttpPort(), "/janus/" + std::to_string(session) + "/" + std::to_string(handle));
    ASSERT_EQ(res.status, 200);
    EXPECT_TRUE(isError(Json::parse(res.body), 457));
}

} // namespace
} // namespace portunus::test
