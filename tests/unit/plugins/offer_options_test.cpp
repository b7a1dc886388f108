#include "plugins/offer_options.hpp"

#include <gtest/gtest.h>

using namespace portunus;

TEST(OfferOptions, ReadsStreams) {
    sdp::OfferOptions o;
    std::string error;
    ASSERT_TRUE(offerOptionsFromJson(
        R"({"streams":[{"mid":"0","kind":"audio","codec":"opus","payload_type":111,"fmtp":"minptime=10","msid":"feed7 a0"},
                       {"mid":"1","kind":"video","codec":"VP8","payload_type":96,"rtx_payload_type":97,"active":false},
                       {"mid":"2","kind":"data"}]})",
        o, error))
        << error;
    ASSERT_EQ(o.streams.size(), 3u);
    EXPECT_EQ(o.streams[0].kind, sdp::MediaKind::Audio);
    EXPECT_EQ(o.streams[0].fmtp, "minptime=10");
    EXPECT_EQ(o.streams[0].msidStream, "feed7");
    EXPECT_EQ(o.streams[0].msidTrack, "a0");
    EXPECT_EQ(o.streams[0].direction, sdp::Direction::SendOnly);
    EXPECT_EQ(o.streams[1].rtxPayloadType, 97);
    EXPECT_FALSE(o.streams[1].active);
    EXPECT_EQ(o.streams[2].kind, sdp::MediaKind::Application);
}

TEST(OfferOptions, RefusesMistakesWithTheirPlace) {
    struct Case {
        const char *json;
        const char *error;
    };
    for (const Case &c : {
             Case{"[]", "options must be a JSON object"},
             Case{R"({"streams":[]})", "streams must be a non-empty array"},
             Case{R"({"streams":[{"mid":"0","kind":"text"}]})", "streams[0]: kind must be audio, video or data"},
             Case{R"({"streams":[{"mid":"0","kind":"audio","codec":"opus"}]})", "streams[0]: payload_type is required"},
             Case{R"({"streams":[{"mid":"0","kind":"data"},{"mid":"1","kind":"audio","codec":"opus","payload_type":"x"}]})",
                  "streams[1]: payload_type must be an integer"},
             Case{R"({"streams":[{"mid":"0","kind":"audio","codec":"opus","payload_type":111,"rtx_payload_type":112}]})",
                  "streams[0]: rtx_payload_type is for video"},
             Case{R"({"streams":[{"mid":"0","kind":"data","colour":"red"}]})", "streams[0]: unknown key 'colour'"},
             Case{R"({"streams":[{"mid":"0","kind":"audio","codec":"opus","payload_type":111,"direction":"up"}]})",
                  "streams[0]: direction must be sendrecv, sendonly, recvonly or inactive"},
         }) {
        sdp::OfferOptions o;
        std::string error;
        EXPECT_FALSE(offerOptionsFromJson(c.json, o, error)) << c.json;
        EXPECT_EQ(error, c.error) << c.json;
    }
}
