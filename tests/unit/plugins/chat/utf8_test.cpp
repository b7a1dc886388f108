#include "utf8.hpp"

#include <gtest/gtest.h>

using portunus::chat::validUtf8;

TEST(ChatUtf8, AcceptsWellFormedText) {
    EXPECT_TRUE(validUtf8(""));
    EXPECT_TRUE(validUtf8("plain ascii"));
    EXPECT_TRUE(validUtf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80")); // é € 😀
    EXPECT_TRUE(validUtf8("\xF4\x8F\xBF\xBF"));                         // U+10FFFF
}

TEST(ChatUtf8, RefusesMalformedText) {
    EXPECT_FALSE(validUtf8("\xC3\x28"));         // bad continuation
    EXPECT_FALSE(validUtf8("\xC0\xAF"));         // overlong '/'
    EXPECT_FALSE(validUtf8("\xE0\x80\xAF"));     // overlong
    EXPECT_FALSE(validUtf8("\xED\xA0\x80"));     // surrogate U+D800
    EXPECT_FALSE(validUtf8("\xF4\x90\x80\x80")); // above U+10FFFF
    EXPECT_FALSE(validUtf8("\xE2\x82"));         // truncated
    EXPECT_FALSE(validUtf8("\xFF"));
    EXPECT_FALSE(validUtf8("\x80"));
}
