// SfuParticipants: publishers joining, publishing (SDP answer, limits),
// leaving, and moderation (kick, ban, lock, moderate) with the events every
// participant gets. No PeerConnection completes here: joins and these
// events need none, and a publish is answered before ICE starts.
#include "sfu_client.hpp"

#include <gtest/gtest.h>

namespace portunus::test {
namespace {


bool has(const Json &d, const char *pointer) { return d.has(pointer); }

TEST(SfuParticipants, JoinAndLeaveSeenByOthers) {
    ServerProcess server(sfuServer(R"({"enabled": true, "rooms": {"10": {"notify_joining": true}}})"));
    SfuClient alice(server), bob(server);
    Json joined = alice.joinPublisher(10, 1, "Alice");
    EXPECT_EQ(joined.str("/videoroom"), "joined") << joined;
    EXPECT_EQ(joined.str("/description"), "Room 10");
    EXPECT_EQ(bob.joinPublisher(10, 2, "Bob").size("/attendees"), 1u);
    Json joining = alice.waitFor([](const Json &d) { return has(d, "/joining"); });
    EXPECT_EQ(joining.u64("/joining/id"), 2u) << joining;
    EXPECT_EQ(joining.str("/joining/display"), "Bob");

    Json left = data(bob.async(request("leave")));
    EXPECT_EQ(left.str("/leaving"), "ok") << left;
    Json leaving = alice.waitFor([](const Json &d) { return has(d, "/leaving"); });
    EXPECT_EQ(leaving.u64("/leaving"), 2u) << leaving;
    EXPECT_EQ(leaving.u64("/room"), 10u);
    // Bob may join again once he left.
    EXPECT_EQ(bob.joinPublisher(10, 2).str("/videoroom"), "joined");
}

TEST(SfuParticipants, PublishIsAnsweredWithinTheRoomsLimits) {
    ServerProcess server(sfuServer(R"({"enabled": true, "rooms": {"11": {"publishers": 1}, "12": {"max_streams": 1}}})"));
    SfuClient alice(server), bob(server), carol(server);
    alice.joinPublisher(11, 1);
    bob.joinPublisher(11, 2);
    Json event = alice.async(request("publish").setRaw("descriptions", R"([{"mid":"1","description":"camera"}])"),
                             SfuClient::offerJsep());
    Json configured = data(event);
    ASSERT_EQ(configured.str("/configured"), "ok") << event;
    EXPECT_EQ(event.str("/jsep/type"), "answer");
    EXPECT_NE(event.str("/jsep/sdp").find("a=recvonly"), std::string::npos) << event;
    ASSERT_EQ(configured.size("/streams"), 2u) << configured;
    EXPECT_EQ(configured.str("/streams/0/type"), "audio");
    EXPECT_EQ(configured.str("/streams/0/codec"), "opus");
    EXPECT_EQ(configured.str("/streams/1/type"), "video");
    EXPECT_EQ(configured.str("/streams/1/codec"), "vp8");
    EXPECT_EQ(configured.str("/streams/1/description"), "camera");

    EXPECT_EQ(errorCode(data(alice.async(request("publish"), SfuClient::offerJsep()))), 434);
    EXPECT_EQ(errorCode(data(bob.async(request("publish"), SfuClient::offerJsep()))), 432);
    EXPECT_EQ(data(alice.async(request("unpublish"))).str("/unpublished"), "ok");
    EXPECT_EQ(errorCode(data(alice.async(request("unpublish")))), 435);
    EXPECT_EQ(data(bob.async(request("publish"), SfuClient::offerJsep())).str("/configured"), "ok");

    carol.joinPublisher(12, 3);
    EXPECT_EQ(errorCode(data(carol.async(request("publish"), SfuClient::offerJsep()))), 440); // audio + video > 1
}

TEST(SfuParticipants, KickAndBanWithTheirEvents) {
    ServerProcess server(sfuServer(R"({"enabled": true, "rooms": {"20": {"secret": "mod"}}})"));
    SfuClient alice(server), bob(server), admin(server);
    alice.joinPublisher(20, 1);
    bob.joinPublisher(20, 2);
    EXPECT_EQ(errorCode(admin.sync(request("kick").set("room", 20).set("id", 2))), 429);
    EXPECT_EQ(errorCode(admin.sync(request("kick").set("room", 20).set("secret", "mod").set("id", 9))), 428);
    EXPECT_EQ(admin.sync(request("kick").set("room", 20).set("secret", "mod").set("id", 2)).str("/videoroom"), "success");
    Json own = bob.waitFor([](const Json &d) { return has(d, "/leaving"); });
    EXPECT_EQ(own.str("/leaving"), "ok") << own;
    EXPECT_EQ(own.str("/reason"), "kicked");
    EXPECT_EQ(alice.waitFor([](const Json &d) { return has(d, "/kicked"); }).u64("/kicked"), 2u);
    EXPECT_EQ(errorCode(data(bob.async(request("configure")))), 424); // out of the room
    EXPECT_EQ(bob.joinPublisher(20, 2).str("/videoroom"), "joined"); // a kick is not a ban

    Json banned = admin.sync(request("ban").set("room", 20).set("secret", "mod").set("id", 2));
    EXPECT_EQ(banned.u64("/banned/0"), 2u) << banned;
    EXPECT_EQ(bob.waitFor([](const Json &d) { return has(d, "/leaving"); }).str("/reason"), "banned");
    EXPECT_EQ(alice.waitFor([](const Json &d) { return has(d, "/kicked"); }).u64("/kicked"), 2u);
    EXPECT_EQ(errorCode(bob.joinPublisher(20, 2)), 439);
    admin.sync(request("unban").set("room", 20).set("secret", "mod").set("id", 2));
    EXPECT_EQ(bob.joinPublisher(20, 2).str("/videoroom"), "joined");
}

TEST(SfuParticipants, LockRefusesNewJoins) {
    ServerProcess server(sfuServer(R"({"enabled": true, "rooms": {"21": {"secret": "mod"}}})"));
    SfuClient alice(server), carol(server), admin(server);
    alice.joinPublisher(21, 1);
    EXPECT_EQ(errorCode(admin.sync(request("lock").set("room", 21).set("secret", "x").set("locked", true))), 433);
    EXPECT_TRUE(admin.sync(request("lock").set("room", 21).set("secret", "mod").set("locked", true)).boolean("/locked"));
    EXPECT_TRUE(alice.waitFor([](const Json &d) { return has(d, "/locked"); }).boolean("/locked"));
    EXPECT_EQ(errorCode(carol.joinPublisher(21, 3)), 438);
    admin.sync(request("lock").set("room", 21).set("secret", "mod").set("locked", false));
    EXPECT_FALSE(alice.waitFor([](const Json &d) { return has(d, "/locked"); }).boolean("/locked"));
    EXPECT_EQ(carol.joinPublisher(21, 3).str("/videoroom"), "joined");
}

TEST(SfuParticipants, ModerateMutesOneStream) {
    ServerProcess server(sfuServer(R"({"enabled": true, "rooms": {"22": {"secret": "mod"}}})"));
    SfuClient alice(server), bob(server), admin(server);
    alice.joinPublisher(22, 1);
    bob.joinPublisher(22, 2);
    Json configured = data(alice.async(request("publish"), SfuClient::offerJsep()));
    const std::string video_mid = configured.str("/streams/1/mid");
    Json moderate = request("moderate").set("room", 22).set("secret", "mod").set("id", 1).set("mid", video_mid);
    EXPECT_EQ(errorCode(admin.sync(Json(moderate).set("mid", "nope").set("mute", true))), 430);
    EXPECT_EQ(errorCode(admin.sync(Json(moderate).set("id", 7).set("mute", true))), 428);
    EXPECT_EQ(admin.sync(Json(moderate).set("mute", true)).str("/videoroom"), "success");
    for (SfuClient *c : {&alice, &bob}) {
        Json event = c->waitFor([](const Json &d) { return has(d, "/moderation"); });
        EXPECT_EQ(event.str("/moderation"), "muted") << event;
        EXPECT_EQ(event.u64("/id"), 1u);
        EXPECT_EQ(event.str("/mid"), video_mid);
    }
    admin.sync(Json(moderate).set("mute", false));
    EXPECT_EQ(bob.waitFor([](const Json &d) { return has(d, "/moderation"); }).str("/moderation"), "unmuted");
}

TEST(SfuParticipants, DestroyTellsEveryone) {
    ServerProcess server(sfuServer());
    SfuClient alice(server), admin(server);
    admin.sync(request("create").set("room", 30));
    alice.joinPublisher(30, 1);
    admin.sync(request("destroy").set("room", 30));
    Json destroyed = alice.waitFor([](const Json &d) { return d.str("/videoroom") == "destroyed"; });
    EXPECT_EQ(destroyed.u64("/room"), 30u);
    EXPECT_EQ(errorCode(data(alice.async(request("configure")))), 424);
}

} // namespace
} // namespace portunus::test
