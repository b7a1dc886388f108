// Join-ticket permissions for joining, publishing and moderating.
#include "permissions.hpp"

#include <gtest/gtest.h>

namespace portunus::sfu {
namespace {

TEST(SfuPermissions, NoClaimsAllowEverything) {
    EXPECT_TRUE(mayPublish("", MediaKind::video, "screen"));
}

TEST(SfuPermissions, ClaimsNameTheOneRoom) {
    EXPECT_TRUE(mayJoin("", 7));
    EXPECT_TRUE(mayJoin(R"({"channel_id": "7"})", 7));
    EXPECT_FALSE(mayJoin(R"({"channel_id": "8"})", 7));
    EXPECT_FALSE(mayJoin(R"({"channel_id": 7})", 7));
    EXPECT_FALSE(mayJoin(R"({"permissions": []})", 7));
}

TEST(SfuPermissions, EachKindNeedsItsPermission) {
    const char *speaker = R"({"permissions": ["speak"]})";
    EXPECT_TRUE(mayPublish(speaker, MediaKind::audio, ""));
    EXPECT_FALSE(mayPublish(speaker, MediaKind::video, "camera"));
    const char *presenter = R"({"permissions": ["video", "screenshare"]})";
    EXPECT_FALSE(mayPublish(presenter, MediaKind::audio, ""));
    EXPECT_TRUE(mayPublish(presenter, MediaKind::video, "Screen share"));
    EXPECT_FALSE(mayPublish(R"({"permissions": ["video"]})", MediaKind::video, "my screen"));
    EXPECT_FALSE(mayPublish(R"({"sub": "x"})", MediaKind::audio, ""));
    EXPECT_FALSE(mayPublish("not json", MediaKind::audio, ""));
}

TEST(SfuPermissions, ModerationNeedsModerateWithClaims) {
    EXPECT_TRUE(mayModerate(""));
    EXPECT_TRUE(mayModerate(R"({"permissions": ["speak", "moderate"]})"));
    EXPECT_FALSE(mayModerate(R"({"permissions": ["speak", "video"]})"));
    EXPECT_FALSE(mayModerate("not json"));
}

} // namespace
} // namespace portunus::sfu
