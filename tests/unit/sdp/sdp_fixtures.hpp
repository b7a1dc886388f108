// Loads the captured SDPs of tests/fixtures/sdp/ for the sdp unit tests.
#pragma once

#include "sdp/parser.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace portunus::sdp::testing {

inline std::string fixtureText(const std::string &name) {
    auto path = std::filesystem::path(__FILE__).parent_path() / "../../fixtures/sdp" / name;
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in.good()) << "missing fixture " << path;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline SessionDescription parseText(const std::string &text) {
    SessionDescription d;
    std::string error;
    EXPECT_TRUE(parse(text, d, error)) << error;
    return d;
}

inline SessionDescription fixture(const std::string &name) { return parseText(fixtureText(name)); }

// Returns the parse error ("" if it parsed).
inline std::string parseError(const std::string &text) {
    SessionDescription d;
    std::string error;
    if (parse(text, d, error)) return "";
    EXPECT_FALSE(error.empty());
    return error;
}

inline const char *const kChromiumFixtures[] = {"chromium_audio_video_data_offer.sdp",
                                                "chromium_audio_video_data_answer.sdp",
                                                "chromium_audio_video_data_ice_restart_offer.sdp",
                                                "chromium_video_simulcast_offer.sdp", "chromium_audio_only_offer.sdp"};

// A minimal valid offer with one audio section; `extra` is appended to that section.
inline std::string minimalOffer(const std::string &extra = "") {
    return "v=0\r\n"
           "o=- 1 2 IN IP4 127.0.0.1\r\n"
           "s=-\r\n"
           "t=0 0\r\n"
           "a=group:BUNDLE a\r\n"
           "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
           "c=IN IP4 0.0.0.0\r\n"
           "a=ice-ufrag:abcd\r\n"
           "a=ice-pwd:abcdefghijklmnopqrstuv\r\n"
           "a=fingerprint:sha-256 AB:CD\r\n"
           "a=setup:actpass\r\n"
           "a=mid:a\r\n"
           "a=sendrecv\r\n"
           "a=rtcp-mux\r\n"
           "a=rtpmap:111 opus/48000/2\r\n" +
           extra;
}

} // namespace portunus::sdp::testing
