// Subscriber m-line allocation: reuse of inactive lines of the same kind, mids, offer options.
#include "subscriber_slots.hpp"

#include <gtest/gtest.h>

namespace portunus::sfu {
namespace {

TEST(SfuSubscriberSlots, AppendsThenReusesInactiveLinesOfTheSameKind) {
    std::vector<SubscriberSlot> slots;
    EXPECT_EQ(allocateSlot(slots, MediaKind::audio, "opus"), 0u);
    EXPECT_EQ(allocateSlot(slots, MediaKind::video, "vp8"), 1u);
    EXPECT_EQ(allocateSlot(slots, MediaKind::video, "vp8"), 2u);
    EXPECT_EQ(slots[2].mid, "2");
    releaseSlot(slots[1]);
    EXPECT_FALSE(slots[1].active);
    EXPECT_EQ(allocateSlot(slots, MediaKind::audio, "opus"), 3u); // no inactive audio line
    EXPECT_EQ(allocateSlot(slots, MediaKind::video, "vp9"), 1u);  // the freed video line
    EXPECT_TRUE(slots[1].active);
    EXPECT_EQ(slots[1].codec, "vp9");
    EXPECT_EQ(slots[1].mid, "1");
}

TEST(SfuSubscriberSlots, OfferOptionsKeepOrderAndMarkInactiveLines) {
    std::vector<SubscriberSlot> slots;
    allocateSlot(slots, MediaKind::audio, "opus");
    allocateSlot(slots, MediaKind::video, "vp8");
    slots[1].feed_id = 5;
    slots[1].feed_mid = "1";
    releaseSlot(slots[0]);
    rapidjson::Document d;
    std::string json = offerOptionsJson(slots);
    d.Parse(json.c_str());
    ASSERT_TRUE(d.IsObject()) << json;
    const auto &streams = d["streams"];
    ASSERT_EQ(streams.Size(), 2u);
    EXPECT_STREQ(streams[0]["mid"].GetString(), "0");
    EXPECT_FALSE(streams[0]["active"].GetBool());
    EXPECT_STREQ(streams[1]["kind"].GetString(), "video");
    EXPECT_EQ(streams[1]["payload_type"].GetInt(), 96);
    EXPECT_EQ(streams[1]["rtx_payload_type"].GetInt(), 97);
    EXPECT_STREQ(streams[1]["direction"].GetString(), "sendonly");
    EXPECT_TRUE(streams[1]["active"].GetBool());
}

} // namespace
} // namespace portunus::sfu
