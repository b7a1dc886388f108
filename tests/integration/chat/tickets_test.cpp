// ChatTickets: a handle attached with a join ticket sends only with "chat",
// moderates only with "moderate" (no secret then), and the core's moderation
// reaches the rooms: a timeout refuses sending until it ends, a ban or kick
// removes the user and the room hears "kicked". The room is the channel:
// room 1234 for channel_id "1234".
#include "chat_client.hpp"
#include "chat_server.hpp"

#include "support/join_ticket.hpp"

#include <gtest/gtest.h>

using namespace portunus::test;

namespace {

ServerOptions ticketChat() {
    ServerOptions options = chatServer();
    options.overrides = ticketAuthConfig();
    return options;
}

std::string ticket(const std::string &user, std::vector<std::string> permissions = {"chat"}) {
    return makeTicket({.user_uid = user, .permissions = std::move(permissions)});
}

} // namespace

TEST(ChatTickets, SendingNeedsTheChatPermission) {
    ServerProcess server(ticketChat());
    ChatClient listener(server, "portunus.plugin.chat", ticket("ann", {"speak"}));
    listener.join(kRoom, "ann");
    EXPECT_EQ(listener.refusal(chatRequest("message", kRoom).set("text", "hello")), 449);

    ChatClient talker(server, "portunus.plugin.chat", ticket("bob"));
    talker.join(kRoom, "bob");
    talker.say(kRoom, "hello");
    EXPECT_EQ(listener.event("message").str("/text"), "hello");
}

TEST(ChatTickets, CoreTimeoutRefusesSendingUntilUntimeout) {
    ServerProcess server(ticketChat());
    ChatClient ann(server, "portunus.plugin.chat", ticket("ann"));
    ann.join(kRoom, "ann");
    ASSERT_EQ(moderate(server, "1234", "timeout", "ann", 600).janus(), "success");
    EXPECT_EQ(ann.refusal(chatRequest("message", kRoom).set("text", "let me speak")), 450);
    ASSERT_EQ(moderate(server, "1234", "untimeout", "ann").janus(), "success");
    ann.say(kRoom, "thanks");
}

TEST(ChatTickets, CoreBanRemovesTheUserAndTellsTheRoom) {
    ServerProcess server(ticketChat());
    ChatClient ann(server, "portunus.plugin.chat", ticket("ann"));
    ChatClient bob(server, "portunus.plugin.chat", ticket("bob"));
    ann.join(kRoom, "Ann A.");
    bob.join(kRoom, "bob");
    ASSERT_EQ(moderate(server, "1234", "ban", "ann").janus(), "success");
    Json kicked = bob.event("kicked");
    EXPECT_EQ(kicked.str("/username"), "Ann A.") << kicked;
    Json members = bob.request(chatRequest("listparticipants", kRoom));
    EXPECT_EQ(members.size("/participants"), 1u) << members;
}

TEST(ChatTickets, ModerationRequestsNeedTheModeratePermission) {
    ServerProcess server(ticketChat());
    ChatClient ann(server, "portunus.plugin.chat", ticket("ann"));
    ann.join(kRoom, "ann");
    ChatClient bob(server, "portunus.plugin.chat", ticket("bob"));
    EXPECT_EQ(bob.refusal(chatRequest("kick", kRoom).set("username", "ann").set("secret", kSecret)), 419);

    ChatClient mod(server, "portunus.plugin.chat", ticket("mod", {"chat", "moderate"}));
    ASSERT_TRUE(isSuccess(mod.request(chatRequest("kick", kRoom).set("username", "ann")))) << "kick refused";
    ann.event("kicked");
}
