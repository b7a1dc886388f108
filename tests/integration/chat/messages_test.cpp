// Messages: server-assigned sequences, ids and timestamps; fan-out after the
// acknowledgement; private messages; announcements; idempotent retries; edit
// and delete as sequenced events with tombstones in history.
#include "chat_client.hpp"
#include "chat_server.hpp"

#include <gtest/gtest.h>

using namespace portunus::test;

TEST(ChatMessages, SequencedAcknowledgedAndFannedOut) {
    ServerProcess server(chatServer());
    ChatClient a(server), b(server);
    a.join(kRoom, "alice");
    b.join(kRoom, "bob");
    std::vector<uint64_t> ids;
    for (uint64_t i = 1; i <= 3; ++i) {
        Json ack = a.say(kRoom, "hello " + std::to_string(i));
        EXPECT_EQ(ack.u64("/sequence"), i);
        EXPECT_GT(ack.i64("/ts"), 0);
        EXPECT_FALSE(ack.boolean("/duplicate"));
        ids.push_back(ack.u64("/id"));
    }
    for (uint64_t i = 1; i <= 3; ++i) {
        Json m = b.event("message");
        EXPECT_EQ(m.u64("/sequence"), i);
        EXPECT_EQ(m.u64("/id"), ids[i - 1]);
        EXPECT_EQ(m.str("/from"), "alice");
        EXPECT_EQ(m.str("/text"), "hello " + std::to_string(i));
        EXPECT_FALSE(m.boolean("/whisper"));
        EXPECT_EQ(a.event("message").u64("/sequence"), i); // the sender sees the room's order too
    }
}

TEST(ChatMessages, PrivateMessagesReachOnlyTheirRecipients) {
    ServerProcess server(chatServer());
    ChatClient a(server), b(server), c(server);
    a.join(kRoom, "alice");
    b.join(kRoom, "bob");
    c.join(kRoom, "carol");
    Json ack = a.say(kRoom, "psst", Json().set("to", "bob"));
    a.say(kRoom, "everyone");
    Json whisper = b.event("message");
    EXPECT_EQ(whisper.u64("/sequence"), ack.u64("/sequence"));
    EXPECT_TRUE(whisper.boolean("/whisper"));
    Json first_for_carol = c.event("message");
    EXPECT_EQ(first_for_carol.str("/text"), "everyone");

    std::vector<Json> carol_view = c.fullHistory(kRoom);
    ASSERT_EQ(carol_view.size(), 2u);
    EXPECT_EQ(carol_view[0].str("/kind"), "hidden");
    EXPECT_FALSE(carol_view[0].has("/text"));
    std::vector<Json> bob_view = b.fullHistory(kRoom);
    EXPECT_EQ(bob_view[0].str("/text"), "psst");
    EXPECT_EQ(a.request(chatRequest("message", kRoom).set("text", "x").set("to", "nobody")).i64("/error_code"), 423);
}

TEST(ChatMessages, AnnouncementsNeedTheSecretAndAreSequenced) {
    ServerProcess server(chatServer());
    ChatClient a(server);
    a.join(kRoom, "alice");
    a.say(kRoom, "first");
    EXPECT_EQ(a.request(chatRequest("announcement", kRoom).set("text", "hear ye")).i64("/error_code"), 419);
    Json ack = a.request(chatRequest("announcement", kRoom).set("text", "hear ye").set("secret", kSecret));
    ASSERT_TRUE(isSuccess(ack)) << ack;
    EXPECT_EQ(ack.u64("/sequence"), 2u);
    Json e = a.event("announcement");
    EXPECT_EQ(e.u64("/sequence"), 2u);
    EXPECT_EQ(e.str("/text"), "hear ye");
}

TEST(ChatMessages, SameClientMsgIdThreeTimesGivesOneMessage) {
    ServerProcess server(chatServer());
    ChatClient a(server), b(server);
    a.join(kRoom, "alice");
    b.join(kRoom, "bob");
    Json extra = Json().set("client_msg_id", "m-1");
    Json first = a.say(kRoom, "once", extra);
    for (int retry = 0; retry < 2; ++retry) {
        Json again = a.say(kRoom, "once", extra);
        EXPECT_TRUE(again.boolean("/duplicate"));
        EXPECT_EQ(again.u64("/id"), first.u64("/id"));
        EXPECT_EQ(again.u64("/sequence"), first.u64("/sequence"));
    }
    a.say(kRoom, "marker");
    EXPECT_EQ(b.event("message").str("/text"), "once");
    EXPECT_EQ(b.event("message").str("/text"), "marker"); // no second "once" before it
    std::vector<Json> history = a.fullHistory(kRoom);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].str("/client_msg_id"), "m-1");
    // Another sender may use the same id: ids are per sender.
    EXPECT_FALSE(b.say(kRoom, "mine", extra).boolean("/duplicate"));
}

TEST(ChatMessages, EditAndDeleteAreSequencedAndLeaveTombstones) {
    ServerProcess server(chatServer());
    ChatClient a(server), b(server);
    a.join(kRoom, "alice");
    b.join(kRoom, "bob");
    uint64_t one = a.say(kRoom, "helo").u64("/sequence");
    uint64_t two = a.say(kRoom, "to be removed").u64("/sequence");

    EXPECT_EQ(b.request(chatRequest("edit", kRoom).set("sequence", one).set("text", "hijack")).i64("/error_code"), 447);
    Json edited = a.request(chatRequest("edit", kRoom).set("sequence", one).set("text", "hello"));
    ASSERT_TRUE(isSuccess(edited)) << edited;
    EXPECT_EQ(edited.u64("/sequence"), 3u);
    EXPECT_EQ(edited.u64("/ref"), one);
    // A moderator (the room's secret) may delete what others wrote.
    Json deleted = b.request(chatRequest("delete", kRoom).set("sequence", two).set("secret", kSecret));
    ASSERT_TRUE(isSuccess(deleted)) << deleted;
    EXPECT_EQ(deleted.u64("/sequence"), 4u);
    EXPECT_EQ(a.request(chatRequest("delete", kRoom).set("sequence", two)).i64("/error_code"), 446);
    EXPECT_EQ(a.request(chatRequest("edit", kRoom).set("sequence", 99).set("text", "x")).i64("/error_code"), 446);

    b.event("message");
    b.event("message");
    Json edit_event = b.event("edit");
    EXPECT_EQ(edit_event.u64("/ref"), one);
    EXPECT_EQ(edit_event.str("/text"), "hello");
    EXPECT_EQ(b.event("delete").u64("/ref"), two);

    std::vector<Json> h = b.fullHistory(kRoom);
    ASSERT_EQ(h.size(), 4u);
    EXPECT_EQ(h[0].str("/text"), "hello");
    EXPECT_TRUE(h[0].boolean("/edited"));
    EXPECT_TRUE(h[1].boolean("/deleted"));
    EXPECT_FALSE(h[1].has("/text"));
    EXPECT_EQ(h[2].str("/kind"), "edit");
    EXPECT_EQ(h[3].str("/kind"), "delete");
    EXPECT_EQ(h[3].u64("/ref"), two);
}
