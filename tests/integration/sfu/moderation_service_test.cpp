// ModerationService: the core's ban, timeout and lock (admin "moderate"),
// kept in sqlite and applied to join tickets, with the sfu enforcing what
// the tickets then allow: a ban ends the user's session and refuses new
// tickets, a timeout leaves a ticket that subscribes but cannot publish, a
// lock refuses new tickets except to moderators.
#include "sfu_client.hpp"

#include "support/join_ticket.hpp"

#include <gtest/gtest.h>

namespace portunus::test {
namespace {

ServerOptions moderatedSfu() { return sfuServer(R"({"enabled": true, "rooms": {"1234": {}}})", ticketAuthConfig()); }

Json moderate(const ServerProcess &server, const std::string &action, const std::string &user = "") {
    AdminClient admin(Transport::http, server);
    Json r = janusRequest("moderate").set("action", action).set("channel_id", "1234");
    if (!user.empty()) r.set("user_uid", user);
    return admin.requestWithSecret(r);
}

// A ticket for `user` in room 1234 through the ticket endpoint; throws unless minted.
std::string ticketFor(const ServerProcess &server, const std::string &user, const std::string &permissions) {
    HttpResult r = requestJoinTicket(server, "1234", makeSessionToken(user, R"({"1234": )" + permissions + "}"));
    if (r.status != 200) throw std::runtime_error("no ticket for " + user + ": " + r.body);
    return Json::parse(r.body).str("/ticket");
}

int64_t mintError(const ServerProcess &server, const std::string &user, const std::string &permissions = R"(["speak"])") {
    HttpResult r = requestJoinTicket(server, "1234", makeSessionToken(user, R"({"1234": )" + permissions + "}"));
    EXPECT_EQ(r.status, 403) << r.body;
    return Json::parse(r.body).i64("/error/code");
}

TEST(ModerationService, BanEndsTheSessionAndRefusesTickets) {
    ServerProcess server(moderatedSfu());
    std::string early = makeTicket({.user_uid = "ann"}); // minted before the ban
    SfuClient ann(server, "janus.plugin.videoroom", ticketFor(server, "ann", R"(["speak", "video"])"));
    ASSERT_EQ(ann.joinPublisher(1234, 1).str("/videoroom"), "joined");
    SfuClient bob(server, "janus.plugin.videoroom", ticketFor(server, "bob", R"(["speak"])"));
    ASSERT_EQ(bob.joinPublisher(1234, 2).str("/videoroom"), "joined");

    Json banned = moderate(server, "ban", "ann");
    ASSERT_EQ(banned.janus(), "success") << banned;
    EXPECT_EQ(banned.u64("/disconnected"), 1u);
    // ann's session is gone; bob's is not.
    auto http = JanusClient::connect(Transport::http, server);
    EXPECT_EQ(http->request(janusRequest("keepalive"), ann.session()).errorCode(), 458);
    EXPECT_EQ(http->request(janusRequest("keepalive"), bob.session()).janus(), "ack");

    EXPECT_EQ(mintError(server, "ann"), 486);
    AdminClient admin(Transport::http, server);
    Json minted = admin.requestWithSecret(
        janusRequest("mint_join_ticket").set("channel_id", "1234").set("user_uid", "ann"));
    EXPECT_EQ(minted.errorCode(), 486) << minted;
    Json attach = http->request(janusRequest("attach").set("plugin", "janus.plugin.videoroom").set("ticket", early),
                                http->createSession());
    EXPECT_EQ(attach.errorCode(), 486) << attach;

    EXPECT_EQ(moderate(server, "unban", "ann").janus(), "success");
    EXPECT_FALSE(ticketFor(server, "ann", R"(["speak"])").empty());
}

TEST(ModerationService, TimeoutRefusesPublishingButAllowsSubscribing) {
    ServerProcess server(moderatedSfu());
    SfuClient bob(server, "janus.plugin.videoroom", ticketFor(server, "bob", R"(["speak", "video"])"));
    ASSERT_EQ(bob.joinPublisher(1234, 2).str("/videoroom"), "joined");
    ASSERT_EQ(data(bob.async(request("publish"), SfuClient::offerJsep())).str("/configured"), "ok");

    ASSERT_EQ(moderate(server, "timeout", "carol").janus(), "success");
    SfuClient carol(server, "janus.plugin.videoroom", ticketFor(server, "carol", R"(["speak", "video"])"));
    ASSERT_EQ(carol.joinPublisher(1234, 3).str("/videoroom"), "joined");
    Json refused = data(carol.async(request("publish"), SfuClient::offerJsep()));
    EXPECT_EQ(errorCode(refused), 433) << refused;

    SfuClient viewer(server, "janus.plugin.videoroom", ticketFor(server, "carol", R"(["speak", "video"])"));
    Json attached = data(viewer.async(request("join").set("ptype", "subscriber").set("room", 1234).set("feed", 2)));
    EXPECT_EQ(attached.str("/videoroom"), "attached") << attached;
}

TEST(ModerationService, LockRefusesNewTicketsExceptToModerators) {
    ServerProcess server(moderatedSfu());
    ASSERT_EQ(moderate(server, "lock").janus(), "success");
    EXPECT_EQ(mintError(server, "dan"), 487);
    EXPECT_FALSE(ticketFor(server, "erin", R"(["speak", "moderate"])").empty());
    ASSERT_EQ(moderate(server, "unlock").janus(), "success");
    EXPECT_FALSE(ticketFor(server, "dan", R"(["speak"])").empty());
    EXPECT_EQ(moderate(server, "shout", "dan").errorCode(), 467);
}

} // namespace
} // namespace portunus::test
