// What only the WebSocket transport of the client API does: the
// janus-protocol subprotocol, and claim (moving a session's events to
// another socket).
#include "support/expect.hpp"
#include "support/janus_client.hpp"
#include "support/server_process.hpp"
#include "support/ws_client.hpp"

#include <gtest/gtest.h>

namespace portunus::test {
namespace {

class ClientWs : public ::testing::Test {
protected:
    ServerProcess server;
};

TEST_F(ClientWs, AnswersWithTheJanusProtocolSubprotocol) {
    WsClient ws(server.clientWsPort(), "janus-protocol");
    EXPECT_EQ(ws.subprotocol(), "janus-protocol");
    ASSERT_TRUE(ws.send(janusRequest("ping").set("transaction", "p").text()));
    auto reply = ws.receive();
    ASSERT_TRUE(reply) << ws.closeReason();
    EXPECT_TRUE(isReply(Json::parse(*reply), "pong", "p"));
}

TEST_F(ClientWs, RefusesAnotherSubprotocol) {
    EXPECT_THROW(WsClient(server.clientWsPort(), "janus-admin-protocol"), std::runtime_error);
    // ... and goes on serving.
    WsClient ws(server.clientWsPort(), "janus-protocol");
    EXPECT_TRUE(ws.send(janusRequest("ping").text()));
    EXPECT_TRUE(ws.receive());
}

TEST_F(ClientWs, ClaimMovesTheSessionsEventsToTheClaimingSocket) {
    auto first = JanusClient::connect(Transport::websocket, server);
    auto second = JanusClient::connect(Transport::websocket, server);
    uint64_t session = first->createSession();
    uint64_t handle = first->attach(session);

    Json claim = janusRequest("claim");
    Json reply = second->request(claim, session);
    EXPECT_TRUE(isReply(reply, "success", claim.str("/transaction")));
    EXPECT_EQ(reply.u64("/session_id"), session);

    // A request through the first socket; its event goes to the claiming one.
    Json ack = first->request(janusRequest("message").set("transaction", "after-claim").setRaw("body", "{}"), session,
                              handle);
    EXPECT_TRUE(isReply(ack, "ack", "after-claim"));
    Json event = second->nextEvent(session);
    EXPECT_TRUE(isReply(event, "event", "after-claim"));
    EXPECT_EQ(event.u64("/sender"), handle);
}

TEST_F(ClientWs, ClaimOfAnUnknownSessionIs458) {
    auto client = JanusClient::connect(Transport::websocket, server);
    Json claim = janusRequest("claim");
    EXPECT_TRUE(isError(client->request(claim, 987654321), 458, claim.str("/transaction")));
}

} // namespace
} // namespace portunus::test
