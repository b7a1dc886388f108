// ModerationService: the core's ban, timeout and lock (admin "moderate"),
// kept in sqlite and applied to join tickets, with the sfu enforcing what
// the tickets then allow: a ban ends the user's session and refuses new
// tickets, a timeout leaves a ticket that subscribes but cannot publish, a
// lock refuses new tickets except to moderators. The sfu hears every action
// (moderation_event) and tells the room: kicked, unpublished, locked.
#include "sfu_client.hpp"

#include "support/join_ticket.hpp"
#include "support/webrtc_client.hpp"

#include <gtest/gtest.h>

namespace portunus::test {
namespace {

ServerOptions moderatedSfu() { return sfuServer(R"({"enabled": true, "rooms": {"1234": {}}})", ticketAuthConfig()); }

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

    Json banned = moderate(server, "1234", "ban", "ann");
    ASSERT_EQ(banned.janus(), "success") << banned;
    EXPECT_EQ(banned.u64("/disconnected"), 1u);
    // ann's session is gone; bob's is not.
    auto http = JanusClient::connect(Transport::http, server);
    EXPECT_EQ(http->request(janusRequest("keepalive"), ann.session()).errorCode(), 458);
    EXPECT_EQ(http->request(janusRequest("keepalive"), bob.session()).janus(), "ack");

    // The room was told before the session ended.
    Json kicked = bob.waitFor([](const Json &d) { return d.has("/kicked"); });
    EXPECT_EQ(kicked.u64("/kicked"), 1u) << kicked;

    EXPECT_EQ(mintError(server, "ann"), 486);
    AdminClient admin(Transport::http, server);
    Json minted = admin.requestWithSecret(
        janusRequest("mint_join_ticket").set("channel_id", "1234").set("user_uid", "ann"));
    EXPECT_EQ(minted.errorCode(), 486) << minted;
    Json attach = http->request(janusRequest("attach").set("plugin", "janus.plugin.videoroom").set("ticket", early),
                                http->createSession());
    EXPECT_EQ(attach.errorCode(), 486) << attach;

    EXPECT_EQ(moderate(server, "1234", "unban", "ann").janus(), "success");
    EXPECT_FALSE(ticketFor(server, "ann", R"(["speak"])").empty());
}

TEST(ModerationService, TimeoutRefusesPublishingButAllowsSubscribing) {
    ServerProcess server(moderatedSfu());
    SfuClient bob(server, "janus.plugin.videoroom", ticketFor(server, "bob", R"(["speak", "video"])"));
    ASSERT_EQ(bob.joinPublisher(1234, 2).str("/videoroom"), "joined");
    ASSERT_EQ(data(bob.async(request("publish"), SfuClient::offerJsep())).str("/configured"), "ok");

    ASSERT_EQ(moderate(server, "1234", "timeout", "carol").janus(), "success");
    SfuClient carol(server, "janus.plugin.videoroom", ticketFor(server, "carol", R"(["speak", "video"])"));
    ASSERT_EQ(carol.joinPublisher(1234, 3).str("/videoroom"), "joined");
    Json refused = data(carol.async(request("publish"), SfuClient::offerJsep()));
    EXPECT_EQ(errorCode(refused), 433) << refused;

    SfuClient viewer(server, "janus.plugin.videoroom", ticketFor(server, "carol", R"(["speak", "video"])"));
    Json attached = data(viewer.async(request("join").set("ptype", "subscriber").set("room", 1234).set("feed", 2)));
    EXPECT_EQ(attached.str("/videoroom"), "attached") << attached;
}

TEST(ModerationService, TimeoutUnpublishesNowAndUntimeoutLetsThePublisherBack) {
    ServerProcess server(moderatedSfu());
    SfuClient bob(server, "janus.plugin.videoroom", ticketFor(server, "bob", R"(["speak", "video"])"));
    ASSERT_EQ(bob.joinPublisher(1234, 2).str("/videoroom"), "joined");
    ASSERT_EQ(data(bob.async(request("publish"), SfuClient::offerJsep())).str("/configured"), "ok");
    SfuClient alice(server, "janus.plugin.videoroom", ticketFor(server, "alice", R"(["speak", "video"])"));
    ASSERT_EQ(alice.joinPublisher(1234, 1).str("/videoroom"), "joined");
    ASSERT_EQ(data(alice.async(request("publish"), SfuClient::offerJsep())).str("/configured"), "ok");
    SfuClient viewer(server, "janus.plugin.videoroom", ticketFor(server, "vic", R"(["speak"])"));
    Json attached = viewer.async(request("join").set("ptype", "subscriber").set("room", 1234).set("feed", 2));
    ASSERT_TRUE(carriesFeed(data(attached), 2)) << attached;
    ASSERT_EQ(data(viewer.async(request("start"), subscriberAnswer(attached))).str("/started"), "ok");

    ASSERT_EQ(moderate(server, "1234", "timeout", "bob", 600).janus(), "success");
    // bob is told until when; the viewer's offer no longer carries bob's feed.
    Json told = bob.waitFor([](const Json &d) { return d.has("/moderation"); });
    EXPECT_EQ(told.str("/moderation"), "timeout") << told;
    EXPECT_GT(told.i64("/until"), 0) << told;
    Json updated =
        viewer.waitFor([](const Json &d) { return d.has("/videoroom") && d.str("/videoroom") == "updated"; });
    EXPECT_FALSE(carriesFeed(updated, 2)) << updated;

    Json refused = data(bob.async(request("publish"), SfuClient::offerJsep()));
    EXPECT_EQ(errorCode(refused), 442) << refused;
    // Subscribing still works for the timed-out user.
    SfuClient bob_viewer(server, "janus.plugin.videoroom", ticketFor(server, "bob", R"(["speak", "video"])"));
    Json watching = data(bob_viewer.async(request("join").set("ptype", "subscriber").set("room", 1234).set("feed", 1)));
    EXPECT_EQ(watching.str("/videoroom"), "attached") << watching;

    ASSERT_EQ(moderate(server, "1234", "untimeout", "bob").janus(), "success");
    EXPECT_EQ(bob.waitFor([](const Json &d) { return d.has("/moderation"); }).str("/moderation"), "untimeout");
    EXPECT_EQ(data(bob.async(request("publish"), SfuClient::offerJsep())).str("/configured"), "ok");
}

// Over real ICE/DTLS: an active publisher's end is announced to the room.
TEST(ModerationService, TimeoutEndsAnActivePublishersFeedForTheRoom) {
    std::string core = R"({"media": {"ice": {"interfaces": ["127.0.0.1"]}}, "auth": )" + ticketAuthObject() + "}";
    ServerProcess server(sfuServer(R"({"enabled": true, "rooms": {"1234": {}}})", core));
    SfuClient watcher(server, "janus.plugin.videoroom", ticketFor(server, "ann", R"(["speak"])"));
    ASSERT_EQ(watcher.joinPublisher(1234, 1).str("/videoroom"), "joined");
    ClientOptions options;
    options.plugin = "janus.plugin.videoroom";
    options.ticket = ticketFor(server, "bob", R"(["speak", "video"])");
    options.join = R"({"request":"join","ptype":"publisher","room":1234,"id":2})";
    options.body = R"({"request":"publish"})";
    WebRtcClient bob(options);
    bob.connect(server.port(ServerProcess::Endpoint::client_ws));
    // Announced once its PeerConnection is up.
    Json announced = watcher.waitFor([](const Json &d) { return d.has("/publishers"); });
    ASSERT_EQ(announced.u64("/publishers/0/id"), 2u) << announced;

    ASSERT_EQ(moderate(server, "1234", "timeout", "bob").janus(), "success");
    Json unpublished = watcher.waitFor([](const Json &d) { return d.has("/unpublished"); });
    EXPECT_EQ(unpublished.u64("/unpublished"), 2u) << unpublished;
    auto told = bob.waitForEvent([](const Json &e) { return e.has("/plugindata/data/moderation"); }, kEventTimeout);
    ASSERT_TRUE(told.has_value()) << bob.log();
    EXPECT_EQ(told->str("/plugindata/data/moderation"), "timeout");
    EXPECT_EQ(told->i64("/plugindata/data/until"), 0); // forever
}

TEST(ModerationService, ClientModerationWithATicketNeedsTheModeratePermission) {
    ServerProcess server(
        sfuServer(R"({"enabled": true, "rooms": {"1234": {"secret": "s3cret"}}})", ticketAuthConfig()));
    SfuClient ann(server, "janus.plugin.videoroom", ticketFor(server, "ann", R"(["speak"])"));
    ASSERT_EQ(ann.joinPublisher(1234, 1).str("/videoroom"), "joined");
    SfuClient bob(server, "janus.plugin.videoroom", ticketFor(server, "bob", R"(["speak"])"));
    Json kick = request("kick").set("room", 1234).set("id", 1);
    Json refused = bob.sync(Json(kick).set("secret", "s3cret"));
    EXPECT_EQ(errorCode(refused), 433) << refused;

    SfuClient mod(server, "janus.plugin.videoroom", ticketFor(server, "mod", R"(["moderate"])"));
    Json done = mod.sync(kick);
    EXPECT_EQ(done.str("/videoroom"), "success") << done;
    Json told = ann.waitFor([](const Json &d) { return d.has("/leaving"); });
    EXPECT_EQ(told.str("/reason"), "kicked") << told;
}

TEST(ModerationService, LockRefusesNewTicketsExceptToModerators) {
    ServerProcess server(moderatedSfu());
    SfuClient bob(server, "janus.plugin.videoroom", ticketFor(server, "bob", R"(["speak"])"));
    ASSERT_EQ(bob.joinPublisher(1234, 2).str("/videoroom"), "joined");
    ASSERT_EQ(moderate(server, "1234", "lock").janus(), "success");
    EXPECT_TRUE(bob.waitFor([](const Json &d) { return d.has("/locked"); }).boolean("/locked"));
    EXPECT_EQ(mintError(server, "dan"), 487);
    EXPECT_FALSE(ticketFor(server, "erin", R"(["speak", "moderate"])").empty());
    ASSERT_EQ(moderate(server, "1234", "unlock").janus(), "success");
    EXPECT_FALSE(bob.waitFor([](const Json &d) { return d.has("/locked"); }).boolean("/locked"));
    EXPECT_FALSE(ticketFor(server, "dan", R"(["speak"])").empty());
    EXPECT_EQ(moderate(server, "1234", "shout", "dan").errorCode(), 467);
}

} // namespace
} // namespace portunus::test
