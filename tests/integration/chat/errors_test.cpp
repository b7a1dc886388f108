// Bad input and abuse: each refusal has its own stable code, and a refused
// request leaves nothing behind (history stays gap-free).
#include "chat_client.hpp"
#include "chat_server.hpp"

#include "support/http_client.hpp"
#include "support/janus_client.hpp"

#include <gtest/gtest.h>

using namespace portunus::test;

TEST(ChatErrors, EachRefusalHasItsCodeAndWritesNothing) {
    ServerProcess server(chatServer(R"({"max_message_bytes": 32, "rooms": {"7": {"max_members": 1, "secret": "s"}}})"));
    ChatClient a(server), b(server);
    a.join(kRoom, "alice");
    a.say(kRoom, "one");

    EXPECT_EQ(a.refusal(Json().set("text", "no verb")), 413);
    EXPECT_EQ(a.refusal(chatRequest("fly", kRoom)), 415);
    EXPECT_EQ(a.refusal(chatRequest("message", kRoom)), 413);
    EXPECT_EQ(a.refusal(chatRequest("message").set("room", "1234").set("text", "x")), 414);
    EXPECT_EQ(a.refusal(chatRequest("message", 999).set("text", "x")), 417);
    EXPECT_EQ(b.refusal(chatRequest("message", kRoom).set("text", "x")), 422);
    EXPECT_EQ(a.refusal(chatRequest("join", kRoom).set("username", "again")), 421);
    EXPECT_EQ(b.refusal(chatRequest("join", kRoom).set("username", "alice")), 420);
    EXPECT_EQ(a.refusal(chatRequest("message", kRoom).set("text", std::string(33, 'x'))), 440);
    EXPECT_EQ(a.refusal(chatRequest("message", kRoom).set("text", "x").set("to", "nobody")), 423);

    a.join(7, "alice");
    EXPECT_EQ(b.refusal(chatRequest("join", 7).set("username", "bob")), 443);

    b.join(kRoom, "bob");
    ASSERT_TRUE(isSuccess(a.request(chatRequest("mute", kRoom).set("username", "bob").set("secret", kSecret))));
    EXPECT_EQ(b.refusal(chatRequest("message", kRoom).set("text", "let me speak")), 444);
    ASSERT_TRUE(isSuccess(a.request(chatRequest("unmute", kRoom).set("username", "bob").set("secret", kSecret))));
    b.say(kRoom, "two");
    ASSERT_TRUE(isSuccess(a.request(chatRequest("ban", kRoom).set("username", "bob").set("secret", kSecret))));
    b.event("kicked");
    EXPECT_EQ(b.refusal(chatRequest("join", kRoom).set("username", "bob")), 445);

    // Nothing refused took a sequence.
    std::vector<Json> h = a.fullHistory(kRoom);
    ASSERT_EQ(h.size(), 2u);
    EXPECT_EQ(h[0].u64("/sequence"), 1u);
    EXPECT_EQ(h[1].u64("/sequence"), 2u);
    EXPECT_EQ(a.say(kRoom, "three").u64("/sequence"), 3u);
}

TEST(ChatErrors, SendRateIsLimitedPerUser) {
    ServerProcess server(chatServer(R"({"rate_limit": {"messages_per_s": 0.001, "burst": 3}})"));
    ChatClient a(server), b(server);
    a.join(kRoom, "alice");
    b.join(kRoom, "bob");
    for (int i = 0; i < 3; ++i) a.say(kRoom, "ok");
    EXPECT_EQ(a.refusal(chatRequest("message", kRoom).set("text", "too many")), 442);
    b.say(kRoom, "bob has his own bucket");
    EXPECT_EQ(a.fullHistory(kRoom).size(), 4u);
}

// Invalid UTF-8 can only come over HTTP (WebSocket text frames are checked by the transport).
TEST(ChatErrors, InvalidUtf8IsRefused) {
    ServerProcess server(chatServer());
    auto http = JanusClient::connect(Transport::http, server);
    uint64_t session = http->createSession();
    uint64_t handle = http->attach(session, "portunus.plugin.chat");
    std::string bad = "{\"janus\":\"message\",\"transaction\":\"utf\",\"body\":{\"request\":\"join\",\"room\":1234,"
                      "\"username\":\"bad\xC3\x28name\"}}";
    Json ack = http->sendRaw(bad, session, handle);
    ASSERT_EQ(ack.janus(), "ack") << ack;
    Json event = http->nextEvent(session);
    EXPECT_EQ(event.str("/transaction"), "utf");
    EXPECT_EQ(event.i64("/plugindata/data/error_code"), 441) << event;
}
