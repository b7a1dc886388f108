// Catching up: history pages of at most 100 (has_more), a reconnecting user
// resuming after its delivered cursor, and the archive beyond the hot window.
#include "chat_client.hpp"
#include "chat_server.hpp"

#include <gtest/gtest.h>

#include <regex>

using namespace portunus::test;

namespace {

// Sends `count` messages without waiting for each answer, then collects them.
void flood(ChatClient &c, uint64_t room, int count, const std::string &prefix) {
    std::vector<std::string> txs;
    for (int i = 0; i < count; ++i) txs.push_back(c.send(chatRequest("message", room).set("text", prefix + std::to_string(i))));
    for (const auto &tx : txs) ASSERT_TRUE(isSuccess(c.answer(tx)));
}

} // namespace

TEST(ChatSync, HistoryPagesForwardAndBackward) {
    ServerProcess server(chatServer());
    ChatClient a(server);
    a.join(kRoom, "alice");
    flood(a, kRoom, 150, "m");
    Json latest = a.request(chatRequest("history", kRoom).set("limit", 100));
    ASSERT_EQ(latest.size("/messages"), 100u);
    EXPECT_EQ(latest.u64("/messages/0/sequence"), 51u);
    EXPECT_EQ(latest.u64("/messages/99/sequence"), 150u);
    EXPECT_TRUE(latest.boolean("/has_more"));
    Json older = a.request(chatRequest("history", kRoom).set("before_sequence", 51).set("limit", 100));
    ASSERT_EQ(older.size("/messages"), 50u);
    EXPECT_EQ(older.u64("/messages/0/sequence"), 1u);
    EXPECT_FALSE(older.boolean("/has_more"));
    EXPECT_EQ(a.request(chatRequest("history", kRoom).set("limit", 101)).i64("/error_code"), 414);
}

TEST(ChatSync, ReconnectingUserGetsWhatItMissedInPages) {
    ServerProcess server(chatServer());
    ChatClient a(server);
    a.join(kRoom, "alice");
    uint64_t seen;
    {
        ChatClient b(server);
        b.join(kRoom, "bob");
        flood(a, kRoom, 30, "before");
        for (int i = 0; i < 30; ++i) seen = b.event("message").u64("/sequence");
        ASSERT_EQ(seen, 30u);
        Json r = b.request(chatRequest("receipt", kRoom).set("delivered", seen));
        ASSERT_TRUE(isSuccess(r)) << r;
        ASSERT_TRUE(isSuccess(b.request(chatRequest("leave", kRoom))));
    }
    flood(a, kRoom, 220, "while away ");

    ChatClient b(server);
    Json joined = b.join(kRoom, "bob");
    EXPECT_EQ(joined.u64("/delivered"), 30u);
    EXPECT_EQ(joined.u64("/last_sequence"), 250u);
    std::vector<size_t> pages;
    uint64_t after = joined.u64("/delivered");
    uint64_t expected = after + 1;
    for (bool more = true; more;) {
        Json page = b.request(chatRequest("history", kRoom).set("after_sequence", after).set("limit", 100));
        pages.push_back(page.size("/messages"));
        for (const auto &m : page.items("/messages")) {
            EXPECT_EQ(m.u64("/sequence"), expected++);
            after = m.u64("/sequence");
        }
        more = page.boolean("/has_more");
    }
    EXPECT_EQ(pages, (std::vector<size_t>{100, 100, 20}));
    EXPECT_EQ(after, 250u);
}

TEST(ChatSync, OldMessagesMoveToTheArchiveAndStayReadable) {
    ServerProcess server(chatServer(R"({"retention": {"archive_after_s": 1, "sweep_interval_s": 1}})"));
    ChatClient a(server);
    a.join(kRoom, "alice");
    flood(a, kRoom, 3, "old ");
    // Sweeps log how many they moved; wait until all three have gone.
    size_t moved = 0, from = 0;
    const std::string pattern = R"(moved (\d+) messages to the archive)";
    const std::regex moved_re(pattern);
    while (moved < 3) {
        auto line = server.waitForLog(pattern, from);
        ASSERT_TRUE(line) << "no archive sweep";
        std::smatch m;
        std::regex_search(*line, m, moved_re);
        moved += std::stoul(m[1]);
        auto lines = server.logLines();
        from = static_cast<size_t>(std::find(lines.begin(), lines.end(), *line) - lines.begin()) + 1;
    }
    EXPECT_EQ(a.request(chatRequest("history", kRoom)).size("/messages"), 0u);
    std::vector<Json> archived = a.fullHistory(kRoom, true);
    ASSERT_EQ(archived.size(), 3u);
    EXPECT_EQ(archived[2].str("/text"), "old 2");
    EXPECT_EQ(a.say(kRoom, "new").u64("/sequence"), 4u); // the sequence goes on past the archive
}
