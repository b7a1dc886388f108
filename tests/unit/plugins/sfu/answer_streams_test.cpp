// Reading a publisher's streams from its SDP offer or our answer.
#include "answer_streams.hpp"

#include <gtest/gtest.h>

namespace portunus::sfu {
namespace {

TEST(SfuAnswerStreams, MidKindCodecSimulcastAndRejectedLines) {
    const char *sdp = "v=0\r\n"
                      "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
                      "a=mid:a0\r\na=rtpmap:111 opus/48000/2\r\na=recvonly\r\n"
                      "m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\n"
                      "a=mid:v1\r\na=rtpmap:97 rtx/90000\r\na=rtpmap:96 VP8/90000\r\na=rid:h recv\r\na=recvonly\r\n"
                      "m=application 0 UDP/DTLS/SCTP webrtc-datachannel\r\na=mid:d2\r\n"
                      "m=video 9 UDP/TLS/RTP/SAVPF 102\r\na=mid:v3\r\na=rtpmap:102 H264/90000\r\na=inactive\r\n";
    auto s = answerStreams(sdp, Writer::us);
    ASSERT_EQ(s.size(), 4u);
    EXPECT_EQ(s[0].mid, "a0");
    EXPECT_EQ(s[0].kind, MediaKind::audio);
    EXPECT_EQ(s[0].codec, "opus");
    EXPECT_FALSE(s[0].disabled);
    EXPECT_EQ(s[1].codec, "vp8"); // the first payload type, not the first rtpmap
    EXPECT_TRUE(s[1].simulcast);
    EXPECT_EQ(s[2].kind, MediaKind::data);
    EXPECT_TRUE(s[2].disabled);
    EXPECT_EQ(s[3].mindex, 3u);
    EXPECT_TRUE(s[3].disabled);
}

// A browser publisher offers sendonly: those lines carry media towards us
// (and so need the permissions checked); its recvonly ones do not.
TEST(SfuAnswerStreams, DirectionsAreReadFromTheWritersSide) {
    const char *sdp = "v=0\r\n"
                      "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\na=rtpmap:111 opus/48000/2\r\na=sendonly\r\n"
                      "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:1\r\na=rtpmap:96 VP8/90000\r\na=recvonly\r\n";
    auto offer = answerStreams(sdp, Writer::peer);
    ASSERT_EQ(offer.size(), 2u);
    EXPECT_FALSE(offer[0].disabled);
    EXPECT_TRUE(offer[1].disabled);
    auto answer = answerStreams(sdp, Writer::us);
    EXPECT_TRUE(answer[0].disabled);
    EXPECT_FALSE(answer[1].disabled);
}

TEST(SfuAnswerStreams, GarbageGivesNoStreams) {
    EXPECT_TRUE(answerStreams("", Writer::us).empty());
    EXPECT_TRUE(answerStreams("a=mid:0\r\nm=", Writer::peer).size() == 1);
}

} // namespace
} // namespace portunus::sfu
