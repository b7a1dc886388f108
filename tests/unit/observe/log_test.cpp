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

TEST(Log, LinesNameTheSubjectInBothFormats) {
    using namespace portunus::log;
    Subject who{"ann\nforged", "phone-1", "room-7"};
    setFormat(Format::text);
    testing::internal::CaptureStderr();
    write(Level::info, "session", {1, 2, &who}, "attached");
    std::string text = testing::internal::GetCapturedStderr();
    EXPECT_NE(text.find(" s=1 h=2 user=ann?forged device=phone-1 channel=room-7 attached\n"), std::string::npos) << text;

    setFormat(Format::json);
    testing::internal::CaptureStderr();
    write(Level::info, "session", {1, 2, &who}, "attached");
    std::string json = testing::internal::GetCapturedStderr();
    setFormat(Format::text);
    EXPECT_NE(json.find(R"("session_id":1,"handle_id":2,"user_uid":"ann\nforged","device_id":"phone-1","channel_id":"room-7","msg":"attached"})"),
              std::string::npos)
        << json;
}
