// JoinTickets: with auth.mode "ticket" an attach must carry a valid join
// ticket; each reason for refusing one has its own code, a refused attach
// creates no handle, and a used ticket stays used across a restart.
#include "support/janus_client.hpp"
#include "support/join_ticket.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

namespace portunus::test {
namespace {

ServerOptions ticketServer(const std::string &state_dir = "") {
    ServerOptions options;
    options.overrides = ticketAuthConfig();
    options.state_dir = state_dir;
    return options;
}

Json attachWith(JanusClient &client, uint64_t session, const std::string &ticket) {
    Json attach = janusRequest("attach").set("plugin", "janus.plugin.echotest");
    if (!ticket.empty()) attach.set("ticket", ticket);
    return client.request(attach, session);
}

class JoinTickets : public ::testing::TestWithParam<Transport> {};

TEST_P(JoinTickets, ValidTicketAttachesOnce) {
    ServerProcess server(ticketServer());
    auto client = JanusClient::connect(GetParam(), server);
    uint64_t session = client->createSession();
    std::string ticket = makeTicket();
    Json first = attachWith(*client, session, ticket);
    ASSERT_EQ(first.janus(), "success") << first;
    EXPECT_GT(first.u64("/data/id"), 0u);
    Json second = attachWith(*client, session, ticket);
    EXPECT_EQ(second.janus(), "error") << second;
    EXPECT_EQ(second.errorCode(), 477) << second;
}

TEST_P(JoinTickets, EachRefusalHasItsCode) {
    ServerProcess server(ticketServer());
    auto client = JanusClient::connect(GetParam(), server);
    uint64_t session = client->createSession();
    struct Case {
        const char *what;
        std::string ticket;
        int64_t code;
    };
    const Case cases[] = {
        {"missing", "", 473},
        {"not a JWT", "not-a-ticket", 474},
        {"lives too long", makeTicket({.expires_in_s = 3600}), 474},
        {"lacks a claim", makeTicket({.user_uid = ""}), 474},
        {"bad signature", makeTicket({.secret = "another-secret-another-secret-0123456789"}), 475},
        {"expired", makeTicket({.expires_in_s = -1}), 476},
        {"another server", makeTicket({.server_id = "elsewhere"}), 478},
    };
    for (const auto &c : cases) {
        Json reply = attachWith(*client, session, c.ticket);
        EXPECT_EQ(reply.janus(), "error") << c.what << ": " << reply;
        EXPECT_EQ(reply.errorCode(), c.code) << c.what << ": " << reply;
    }
    // Nothing was attached: the session has no handle.
    AdminClient admin(Transport::http, server);
    Json handles = admin.requestWithSecret(janusRequest("list_handles").set("session_id", session));
    ASSERT_EQ(handles.janus(), "success") << handles;
    EXPECT_EQ(handles.size("/handles"), 0u) << handles;
}

INSTANTIATE_TEST_SUITE_P(, JoinTickets, ::testing::Values(Transport::http, Transport::websocket), transportParamName);

TEST(JoinTicketStore, UsedTicketIsRefusedAfterARestart) {
    TempDir state("portunus-state");
    std::string ticket = makeTicket();
    {
        ServerProcess server(ticketServer(state.str()));
        auto client = JanusClient::connect(Transport::http, server);
        EXPECT_EQ(attachWith(*client, client->createSession(), ticket).janus(), "success");
        EXPECT_EQ(server.terminate(), 0);
    }
    ServerProcess restarted(ticketServer(state.str()));
    auto client = JanusClient::connect(Transport::http, restarted);
    Json reply = attachWith(*client, client->createSession(), ticket);
    EXPECT_EQ(reply.errorCode(), 477) << reply;
    EXPECT_EQ(attachWith(*client, client->createSession(), makeTicket()).janus(), "success");
}

TEST(JoinTicketStore, WithoutTicketModeTicketsAreNotNeeded) {
    ServerProcess server;
    auto client = JanusClient::connect(Transport::http, server);
    EXPECT_EQ(attachWith(*client, client->createSession(), "").janus(), "success");
}

} // namespace
} // namespace portunus::test
