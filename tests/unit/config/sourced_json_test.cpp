#include "config/sourced_json.hpp"

#include <gtest/gtest.h>

using namespace portunus::config;

TEST(SourcedJson, ParsesCommentsAndTrailingCommasWithLines) {
    SourcedJson j;
    Errors errors;
    ASSERT_TRUE(parseJsonc("f.jsonc", "{\n  // comment\n  \"a\": {\n    \"b\": 1, /* x */\n  },\n  \"c\": [1,\n 2,],\n}\n", j, errors));
    EXPECT_TRUE(errors.empty());
    EXPECT_EQ(j.doc["a"]["b"].GetInt(), 1);
    EXPECT_EQ(j.lineOf("/a/b"), 4);
    EXPECT_EQ(j.lineOf("/c/1"), 7);
    EXPECT_EQ(j.lineOf("/a/missing"), j.lineOf("/a"));
}

TEST(SourcedJson, SyntaxErrorHasItsLine) {
    SourcedJson j;
    Errors errors;
    EXPECT_FALSE(parseJsonc("f.jsonc", "{\n \"a\": 1\n \"b\": 2\n}", j, errors));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].line, 3);
    EXPECT_NE(errors[0].str().find("f.jsonc:3: syntax error"), std::string::npos) << errors[0].str();
}

TEST(SourcedJson, MissingFileIsAnError) {
    SourcedJson j;
    Errors errors;
    EXPECT_FALSE(loadJsoncFile("/nonexistent/x.jsonc", j, errors));
    ASSERT_EQ(errors.size(), 1u);
}
