#include "session/channel_roster.hpp"

#include "api/api_error.hpp"
#include "sdp/parser.hpp"
#include "sdp/session_description.hpp"

#include <gtest/gtest.h>

namespace portunus {
namespace {

int codeOf(const std::function<void()> &f) {
    try {
        f();
    } catch (const api::ApiError &e) {
        return e.code();
    }
    return 0;
}

TEST(ChannelRoster, AParticipantIsAUserOnADeviceWhateverItsHandles) {
    ChannelRoster roster;
    roster.setLimits({.max_participants = 2});
    log::Subject ann{"ann", "laptop", "room"}, ann_phone{"ann", "phone", "room"}, bob{"bob", "", "room"};
    roster.enter(ann, 1);
    roster.enter(ann, 2); // ann's subscriber handle: still one participant
    roster.enter(ann_phone, 3);
    EXPECT_EQ(roster.participants("room"), 2u);
    EXPECT_EQ(codeOf([&] { roster.enter(bob, 4); }), 488);
    EXPECT_EQ(roster.refusedParticipants(), 1u);
    roster.enter(ann, 5); // a participant already in may add handles
    roster.leave(ann_phone, 3);
    roster.enter(bob, 4);
    EXPECT_EQ(roster.participants("room"), 2u);
    roster.leave(ann, 1);
    roster.leave(ann, 2);
    EXPECT_EQ(roster.participants("room"), 2u); // handle 5 keeps ann in
    roster.leave(ann, 5);
    roster.leave(bob, 4);
    EXPECT_EQ(roster.participants("room"), 0u);
    roster.enter(log::Subject{}, 9); // no ticket: not counted
    EXPECT_EQ(roster.participants(""), 0u);
}

TEST(ChannelRoster, TracksAreCountedAcrossAParticipantsHandles) {
    ChannelRoster roster;
    roster.setLimits({.max_tracks = 3});
    log::Subject ann{"ann", "laptop", "room"};
    roster.enter(ann, 1);
    roster.enter(ann, 2);
    roster.setSendingTracks(ann, 1, 2);
    EXPECT_EQ(codeOf([&] { roster.setSendingTracks(ann, 2, 2); }), 489);
    EXPECT_EQ(roster.refusedTracks(), 1u);
    roster.setSendingTracks(ann, 2, 1);
    roster.setSendingTracks(ann, 1, 2); // a renegotiation with the same tracks
    roster.setSendingTracks(ann, 2, 0);
    roster.setSendingTracks(ann, 1, 3);
    EXPECT_EQ(codeOf([&] { roster.setSendingTracks(ann, 1, 4); }), 489);
}

TEST(ChannelRoster, TracksSentCountsSendingAudioAndVideoSections) {
    const char *text = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n"
                       "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=sendrecv\r\n"
                       "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\na=recvonly\r\n"
                       "m=video 0 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:2\r\na=sendonly\r\n"
                       "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:3\r\na=sendonly\r\n"
                       "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:4\r\n";
    sdp::SessionDescription d;
    std::string error;
    ASSERT_TRUE(sdp::parse(text, d, error)) << error;
    EXPECT_EQ(ChannelRoster::tracksSent(d), 2u); // mid 0 and 3
}

} // namespace
} // namespace portunus
