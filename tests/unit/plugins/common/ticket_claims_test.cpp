// The join-ticket claims as the plugins read them.
#include "ticket_claims.hpp"

#include <gtest/gtest.h>

namespace portunus::plugins {
namespace {

TEST(TicketClaims, NoTextMeansNoTicket) { EXPECT_FALSE(parseTicketClaims("").has_value()); }

TEST(TicketClaims, ReadsChannelUserAndPermissions) {
    auto claims = parseTicketClaims(
        R"({"channel_id":"7","user_uid":"ann","device_id":"d","permissions":["chat","moderate",3],"exp":1})");
    ASSERT_TRUE(claims.has_value());
    EXPECT_EQ(claims->channel_id, "7");
    EXPECT_EQ(claims->user_uid, "ann");
    EXPECT_TRUE(claims->allows("chat"));
    EXPECT_TRUE(claims->allows("moderate"));
    EXPECT_FALSE(claims->allows("speak"));
    EXPECT_EQ(claims->permissions.size(), 2u);
}

TEST(TicketClaims, UnreadableClaimsAllowNothing) {
    for (const char *text : {"not json", "[]", R"({"channel_id":7,"user_uid":["ann"],"permissions":"chat"})"}) {
        auto claims = parseTicketClaims(text);
        ASSERT_TRUE(claims.has_value()) << text;
        EXPECT_TRUE(claims->channel_id.empty()) << text;
        EXPECT_TRUE(claims->user_uid.empty()) << text;
        EXPECT_TRUE(claims->permissions.empty()) << text;
    }
}

} // namespace
} // namespace portunus::plugins
