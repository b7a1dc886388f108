#include "api/api_path.hpp"

#include <gtest/gtest.h>

using namespace portunus::api;

TEST(ApiPath, ParsesSessionAndHandle) {
    auto p = parseApiPath("/janus/12/34?maxev=5", "/janus");
    ASSERT_TRUE(p && p->valid);
    EXPECT_EQ(*p->session, 12u);
    EXPECT_EQ(*p->handle, 34u);
    EXPECT_EQ(queryValue(p->query, "maxev"), "5");
}

TEST(ApiPath, RootWordAndInvalid) {
    EXPECT_TRUE(parseApiPath("/janus", "/janus")->valid);
    EXPECT_TRUE(parseApiPath("/janus/", "/janus")->valid);
    EXPECT_EQ(parseApiPath("/janus/info", "/janus")->word, "info");
    EXPECT_FALSE(parseApiPath("/janus/1/x", "/janus")->valid);
    EXPECT_FALSE(parseApiPath("/janus/1/2/3", "/janus")->valid);
    EXPECT_FALSE(parseApiPath("/janusx", "/janus").has_value());
    EXPECT_FALSE(parseApiPath("/index.html", "/janus").has_value());
}
