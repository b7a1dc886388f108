#include "observe/log.hpp"

#include <gtest/gtest.h>

using portunus::log::redact;

TEST(Log, RedactsSecretValues) {
    EXPECT_EQ(redact(R"({"janus":"info","admin_secret":"hunter2","transaction":"t"})"),
              R"({"janus":"info","admin_secret":"***","transaction":"t"})");
    EXPECT_EQ(redact(R"({"pin" : 1234, "token":"a\"b"})"), R"({"pin" : "***", "token":"***"})");
    EXPECT_EQ(redact(R"({"nested":{"password":"x"},"secretive":"keep"})"),
              R"({"nested":{"password":"***"},"secretive":"keep"})");
}

TEST(Log, RedactLeavesBrokenJsonHarmless) {
    EXPECT_EQ(redact(R"({"secret":)"), R"({"secret":"***")");
    EXPECT_EQ(redact("\"unterminated"), "\"unterminated");
}

TEST(Log, LevelNames) {
    portunus::log::Level l;
    ASSERT_TRUE(portunus::log::parseLevel("warn", l));
    EXPECT_EQ(l, portunus::log::Level::warn);
    EXPECT_FALSE(portunus::log::parseLevel("loud", l));
}
