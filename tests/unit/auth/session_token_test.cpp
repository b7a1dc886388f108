// Integrators' session tokens: verified, unexpired, with per-channel permissions.
#include "auth/jwt.hpp"
#include "auth/session_token.hpp"

#include <gtest/gtest.h>

namespace portunus::auth {
namespace {

constexpr int64_t kNow = 1700000000;

TEST(SessionToken, ChannelsAndTheWildcard) {
    std::string token = signJwt(R"({"sub":"ann","device_id":"tab","exp":1700000100,
                                   "channels":{"7":["speak","video"],"*":["speak"]}})", "k");
    std::string error;
    auto t = readSessionToken(token, "k", kNow, error);
    ASSERT_TRUE(t) << error;
    EXPECT_EQ(t->user_uid, "ann");
    EXPECT_EQ(t->device_id, "tab");
    EXPECT_EQ(t->permissionsIn("7")->size(), 2u);
    EXPECT_EQ(t->permissionsIn("8")->front(), "speak");
}

TEST(SessionToken, RefusedWhenForgedExpiredOrIncomplete) {
    std::string error;
    EXPECT_FALSE(readSessionToken(signJwt(R"({"sub":"a","exp":1700000100,"channels":{}})", "k"), "other", kNow, error));
    EXPECT_NE(error.find("signature"), std::string::npos);
    EXPECT_FALSE(readSessionToken(signJwt(R"({"sub":"a","exp":1699999999,"channels":{}})", "k"), "k", kNow, error));
    EXPECT_NE(error.find("expired"), std::string::npos);
    EXPECT_FALSE(readSessionToken(signJwt(R"({"sub":"a","exp":1700000100})", "k"), "k", kNow, error));
    EXPECT_FALSE(readSessionToken(signJwt(R"({"sub":"a","exp":1700000100,"channels":{"1":"speak"}})", "k"), "k", kNow, error));
    auto none = readSessionToken(signJwt(R"({"sub":"a","exp":1700000100,"channels":{"1":[]}})", "k"), "k", kNow, error);
    ASSERT_TRUE(none);
    EXPECT_FALSE(none->permissionsIn("2"));
}

} // namespace
} // namespace portunus::auth
