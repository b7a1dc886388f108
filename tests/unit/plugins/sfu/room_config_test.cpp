// Room settings: defaults, codec lists, bounds, edit's all-or-nothing.
#include "room_config.hpp"

#include <gtest/gtest.h>

namespace portunus::sfu {
namespace {

RoomConfig parse(const char *json, uint64_t id = 9) {
    rapidjson::Document d = parseObject(json);
    return roomConfigFromJson(d, id);
}

int errorOf(const char *json) {
    try {
        parse(json);
    } catch (const SfuError &e) {
        return e.code();
    }
    return 0;
}

TEST(SfuRoomConfig, DefaultsAreJanusOnes) {
    RoomConfig c = parse("{}");
    EXPECT_EQ(c.description, "Room 9");
    EXPECT_EQ(c.publishers, 3u);
    EXPECT_EQ(c.audio_active_packets, 100u);
    EXPECT_EQ(c.audio_level_average, 25u);
    EXPECT_EQ(c.audiocodecs, std::vector<std::string>{"opus"});
    EXPECT_EQ(c.videocodecs, std::vector<std::string>{"vp8"});
    EXPECT_FALSE(c.allowed);
}

TEST(SfuRoomConfig, CodecListsAndBounds) {
    EXPECT_EQ(parse(R"({"videocodec": "VP9,vp8,vp9"})").videocodecs, (std::vector<std::string>{"vp9", "vp8"}));
    EXPECT_EQ(errorOf(R"({"videocodec": "vp8,theora"})"), kErrorInvalidElement);
    EXPECT_EQ(errorOf(R"({"audiocodec": "vp8"})"), kErrorInvalidElement);
    EXPECT_EQ(errorOf(R"({"publishers": 0})"), kErrorInvalidElement);
    EXPECT_EQ(errorOf(R"({"publishers": "two"})"), kErrorInvalidElement);
    EXPECT_EQ(errorOf(R"({"max_streams": 33})"), kErrorInvalidElement);
}

TEST(SfuRoomConfig, StoredJsonReadsBackTheSame) {
    RoomConfig c = parse(R"({"description": "D", "secret": "s", "pin": "p", "bitrate": 5, "allowed": ["a"],
                             "videocodec": "h264,vp8", "audiolevel_event": true})");
    rapidjson::Document d = parseObject(roomConfigToJson(c));
    RoomConfig back = roomConfigFromJson(d, 9);
    EXPECT_EQ(roomConfigToJson(back), roomConfigToJson(c));
    EXPECT_EQ(back.secret, "s");
    EXPECT_EQ(back.videocodecs, (std::vector<std::string>{"h264", "vp8"}));
}

TEST(SfuRoomConfig, EditChangesNothingWhenAFieldIsBad) {
    RoomConfig c = parse(R"({"description": "old"})");
    rapidjson::Document bad = parseObject(R"({"new_description": "new", "new_publishers": "x"})");
    EXPECT_THROW(applyEdit(c, bad), SfuError);
    EXPECT_EQ(c.description, "old");
    rapidjson::Document good = parseObject(R"({"new_description": "new", "new_publishers": 4})");
    applyEdit(c, good);
    EXPECT_EQ(c.description, "new");
    EXPECT_EQ(c.publishers, 4u);
}

} // namespace
} // namespace portunus::sfu
