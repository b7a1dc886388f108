#include "request.hpp"

#include <gtest/gtest.h>

using namespace portunus::chat;

namespace {
int codeOf(std::string_view json, std::string_view key = "request") {
    try {
        parseRequest(json, key);
    } catch (const ChatError &e) {
        return e.code();
    }
    return 0;
}
} // namespace

TEST(ChatRequest, ParsesTextroomAndSignalingForms) {
    Request dc = parseRequest(R"({"textroom":"message","transaction":"t1","room":5,"text":"hi","tos":["a","b"],"ack":false})",
                              "textroom");
    EXPECT_EQ(dc.verb, Verb::message);
    EXPECT_EQ(dc.transaction, "t1");
    EXPECT_EQ(dc.needRoom(), 5u);
    EXPECT_EQ(dc.to, (std::vector<std::string>{"a", "b"}));
    EXPECT_FALSE(dc.ack);
    Request sig = parseRequest(R"({"request":"history","room":5,"after_sequence":0,"limit":10,"archive":true})", "request");
    EXPECT_EQ(sig.verb, Verb::history);
    EXPECT_EQ(sig.after_sequence, 0u);
    EXPECT_TRUE(sig.archive);
}

TEST(ChatRequest, EditNamingASequenceEditsAMessage) {
    EXPECT_EQ(parseRequest(R"({"request":"edit","room":1,"sequence":3,"text":"x"})", "request").verb, Verb::edit_message);
    EXPECT_EQ(parseRequest(R"({"request":"edit","room":1,"new_description":"d"})", "request").verb, Verb::edit_room);
    EXPECT_EQ(parseRequest(R"({"request":"delete","room":1,"sequence":3})", "request").verb, Verb::delete_message);
}

TEST(ChatRequest, RefusalsHaveTheirCodes) {
    EXPECT_EQ(codeOf(""), kNoMessage);
    EXPECT_EQ(codeOf("[1]"), kInvalidJson);
    EXPECT_EQ(codeOf("{\"request\":"), kInvalidJson);
    EXPECT_EQ(codeOf(R"({"textroom":"join"})"), kMissingElement);
    EXPECT_EQ(codeOf(R"({"request":7})"), kInvalidElement);
    EXPECT_EQ(codeOf(R"({"request":"nope"})"), kInvalidRequest);
    EXPECT_EQ(codeOf(R"({"request":"join","room":0})"), kInvalidElement);
    EXPECT_EQ(codeOf(R"({"request":"join","room":-3})"), kInvalidElement);
    EXPECT_EQ(codeOf(R"({"request":"message","tos":"a"})"), kInvalidElement);
    EXPECT_EQ(codeOf(R"({"request":"message","ack":"yes"})"), kInvalidElement);
    EXPECT_EQ(codeOf("{\"request\":\"message\",\"text\":\"\xff\"}"), kInvalidUtf8);
}

TEST(ChatRequest, NeedNamesTheMissingField) {
    Request r = parseRequest(R"({"request":"join"})", "request");
    try {
        r.needRoom();
        FAIL();
    } catch (const ChatError &e) {
        EXPECT_EQ(e.code(), kMissingElement);
        EXPECT_STREQ(e.what(), "Missing element (room)");
    }
}

TEST(ChatRequest, TransactionOfABrokenRequest) {
    EXPECT_EQ(transactionOf(R"({"textroom":"fly","transaction":"t9"})"), "t9");
    EXPECT_EQ(transactionOf("garbage"), "");
}
