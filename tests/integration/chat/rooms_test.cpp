// Rooms: management requests, join/leave with display names, the events
// others see, moderation, and permanent rooms surviving a restart.
#include "chat_client.hpp"
#include "chat_server.hpp"

#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace portunus::test;

TEST(ChatRooms, CreateListExistsAndDestroy) {
    ServerProcess server(chatServer());
    ChatClient a(server);
    Json created = a.request(chatRequest("create", 77).set("description", "Seventy-seven").set("secret", "s77"));
    ASSERT_TRUE(isSuccess(created)) << created;
    EXPECT_EQ(created.u64("/room"), 77u);
    EXPECT_EQ(a.request(chatRequest("create", 77)).i64("/error_code"), 418);
    EXPECT_TRUE(a.request(chatRequest("exists", 77)).boolean("/exists"));

    Json list = a.request(chatRequest("list"));
    std::vector<uint64_t> ids;
    for (const auto &room : list.items("/list")) ids.push_back(room.u64("/room"));
    EXPECT_EQ(ids, (std::vector<uint64_t>{77, kRoom}));

    Json random = a.request(chatRequest("create"));
    ASSERT_TRUE(isSuccess(random)) << random;
    EXPECT_GT(random.u64("/room"), 0u);

    EXPECT_EQ(a.request(chatRequest("destroy", 77).set("secret", "wrong")).i64("/error_code"), 419);
    a.join(77, "alice");
    ASSERT_TRUE(isSuccess(a.request(chatRequest("destroy", 77).set("secret", "s77"))));
    EXPECT_EQ(a.event("destroyed").u64("/room"), 77u);
    EXPECT_FALSE(a.request(chatRequest("exists", 77)).boolean("/exists"));
}

TEST(ChatRooms, JoinLeaveAndKickAreSeenByOthers) {
    ServerProcess server(chatServer());
    ChatClient a(server), b(server);
    Json joined = a.join(kRoom, "alice", Json().set("display", "Alice"));
    EXPECT_EQ(joined.size("/participants"), 0u);
    Json b_joined = b.join(kRoom, "bob", Json().set("display", "Bob"));
    ASSERT_EQ(b_joined.size("/participants"), 1u);
    EXPECT_EQ(b_joined.str("/participants/0/username"), "alice");
    EXPECT_EQ(b_joined.str("/participants/0/display"), "Alice");

    Json seen = a.event("join");
    EXPECT_EQ(seen.str("/username"), "bob");
    EXPECT_EQ(seen.str("/display"), "Bob");
    EXPECT_EQ(a.request(chatRequest("listparticipants", kRoom)).size("/participants"), 2u);

    ASSERT_TRUE(isSuccess(b.request(chatRequest("leave", kRoom))));
    EXPECT_EQ(a.event("leave").str("/username"), "bob");

    b.join(kRoom, "bob");
    EXPECT_EQ(a.event("join").str("/username"), "bob");
    EXPECT_EQ(a.request(chatRequest("kick", kRoom).set("username", "bob")).i64("/error_code"), 419);
    ASSERT_TRUE(isSuccess(a.request(chatRequest("kick", kRoom).set("username", "bob").set("secret", kSecret))));
    EXPECT_EQ(a.event("kicked").str("/username"), "bob");
    EXPECT_EQ(b.event("kicked").str("/username"), "bob");
    EXPECT_EQ(b.request(chatRequest("message", kRoom).set("text", "still here?")).i64("/error_code"), 422);
}

TEST(ChatRooms, DetachLeavesEveryRoom) {
    ServerProcess server(chatServer());
    ChatClient a(server);
    {
        ChatClient b(server);
        a.join(kRoom, "alice");
        b.join(kRoom, "bob");
        a.event("join");
    } // b's socket closes: its session and handle go
    EXPECT_EQ(a.event("leave").str("/username"), "bob");
}

TEST(ChatRooms, PinAndAllowedTokensGuardJoins) {
    ServerProcess server(chatServer());
    ChatClient a(server);
    ASSERT_TRUE(isSuccess(a.request(chatRequest("create", 5).set("pin", "1111").set("secret", "s"))));
    EXPECT_EQ(a.request(chatRequest("join", 5).set("username", "x")).i64("/error_code"), 419);
    Json allowed = a.request(chatRequest("allowed", 5).set("secret", "s").set("action", "add").setRaw("allowed", R"(["t1"])"));
    ASSERT_TRUE(isSuccess(allowed)) << allowed;
    ASSERT_TRUE(isSuccess(a.request(chatRequest("allowed", 5).set("secret", "s").set("action", "enable"))));
    EXPECT_EQ(a.request(chatRequest("join", 5).set("username", "x").set("pin", "1111").set("token", "t2")).i64("/error_code"), 419);
    a.join(5, "x", Json().set("pin", "1111").set("token", "t1"));
}

TEST(ChatRooms, PermanentRoomsSurviveARestart) {
    TempDir state("portunus-chat-state");
    {
        ServerProcess server(chatServer("{}", state.str()));
        ChatClient a(server);
        ASSERT_TRUE(isSuccess(a.request(chatRequest("create", 900).set("permanent", true).set("description", "kept"))));
        ASSERT_TRUE(isSuccess(a.request(chatRequest("create", 901))));
        ASSERT_EQ(server.terminate(), 0);
    }
    ServerProcess server(chatServer("{}", state.str()));
    ChatClient a(server);
    EXPECT_TRUE(a.request(chatRequest("exists", 900)).boolean("/exists"));
    EXPECT_FALSE(a.request(chatRequest("exists", 901)).boolean("/exists"));
}

TEST(ChatConfig, TheShippedFileServesItsRoom) {
    std::ifstream file(std::string(PORTUNUS_SOURCE_CONF_DIR) + "/plugins.d/chat.jsonc");
    std::stringstream text;
    text << file.rdbuf();
    ServerOptions options;
    options.plugin_configs = {{"chat", text.str()}};
    ServerProcess server(options);
    ChatClient a(server, "janus.plugin.textroom");
    a.join(1234, "alice");
    EXPECT_EQ(a.say(1234, "hello").u64("/sequence"), 1u);
    EXPECT_EQ(a.request(chatRequest("kick", 1234).set("username", "alice").set("secret", "adminpwd")).str("/textroom"),
              "success");
}
