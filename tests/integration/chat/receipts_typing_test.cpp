// Receipts (cursors, coalesced fan-out, "read by") and typing (rate-limited,
// never stored, shown with an expiry).
#include "chat_client.hpp"
#include "chat_server.hpp"

#include <gtest/gtest.h>

using namespace portunus::test;

TEST(ChatReceipts, CursorsAnswerReadByAndFanOutCoalesced) {
    ServerProcess server(chatServer());
    ChatClient a(server), b(server), c(server);
    a.join(kRoom, "alice");
    b.join(kRoom, "bob");
    c.join(kRoom, "carol");
    for (int i = 1; i <= 5; ++i) a.say(kRoom, "m" + std::to_string(i));

    // Bob acknowledges in a burst: each answer comes back at once, but the
    // room hears at most one receipts event per second.
    for (uint64_t s = 1; s <= 5; ++s) {
        Json r = b.request(chatRequest("receipt", kRoom).set("delivered", s).set("read", s));
        ASSERT_TRUE(isSuccess(r)) << r;
        EXPECT_EQ(r.u64("/read"), s);
    }
    ASSERT_TRUE(isSuccess(c.request(chatRequest("receipt", kRoom).set("delivered", 5).set("read", 3))));
    std::vector<Json> events;
    for (bool complete = false; !complete;) {
        events.push_back(a.event("receipts"));
        uint64_t bob = 0, carol = 0;
        for (const auto &e : events)
            for (const auto &r : e.items("/receipts"))
                (r.str("/username") == "bob" ? bob : carol) = r.u64("/read");
        complete = bob == 5 && carol == 3;
    }
    // The server's own stamps: a second apart at least (999: two clocks' millisecond rounding).
    for (size_t i = 1; i < events.size(); ++i)
        EXPECT_GE(events[i].i64("/ts") - events[i - 1].i64("/ts"), 999) << "two receipts events within a second";

    Json by = a.request(chatRequest("receipts", kRoom).set("sequence", 4));
    EXPECT_EQ(by.u64("/read_count"), 1u);
    EXPECT_EQ(by.str("/read_by/0"), "bob");
    EXPECT_EQ(by.u64("/delivered_count"), 2u);
    // Cursors never go back.
    Json back = b.request(chatRequest("receipt", kRoom).set("read", 2));
    EXPECT_EQ(back.u64("/read"), 5u);
    EXPECT_EQ(b.request(chatRequest("receipt", kRoom).set("read", 6)).i64("/error_code"), 414);
}

TEST(ChatTyping, AtMostOnePerIntervalWithAnExpiry) {
    ServerProcess server(chatServer(R"({"typing": {"min_interval_ms": 60000, "expiry_ms": 5000}})"));
    ChatClient a(server), b(server);
    a.join(kRoom, "alice");
    b.join(kRoom, "bob");
    EXPECT_TRUE(b.request(chatRequest("typing", kRoom)).boolean("/sent"));
    EXPECT_FALSE(b.request(chatRequest("typing", kRoom)).boolean("/sent"));
    EXPECT_FALSE(b.request(chatRequest("typing", kRoom).set("typing", false)).boolean("/sent"));
    b.say(kRoom, "after typing");
    a.event("message"); // everything before this message has arrived
    std::vector<Json> typing = a.received("typing");
    ASSERT_EQ(typing.size(), 1u);
    EXPECT_EQ(typing[0].str("/username"), "bob");
    EXPECT_TRUE(typing[0].boolean("/typing"));
    EXPECT_EQ(typing[0].u64("/expires_ms"), 5000u);
    EXPECT_TRUE(b.received("typing").empty()); // not echoed to the typist
    // Never stored: history holds the message only.
    EXPECT_EQ(a.fullHistory(kRoom).size(), 1u);
}

TEST(ChatTyping, AllowedAgainAfterTheInterval) {
    ServerProcess server(chatServer(R"({"typing": {"min_interval_ms": 0}})"));
    ChatClient a(server), b(server);
    a.join(kRoom, "alice");
    b.join(kRoom, "bob");
    EXPECT_TRUE(b.request(chatRequest("typing", kRoom)).boolean("/sent"));
    EXPECT_TRUE(b.request(chatRequest("typing", kRoom)).boolean("/sent"));
    a.event("typing");
    a.event("typing");
}
