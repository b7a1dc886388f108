// answer(): the SDP answer Portunus gives to a WebRTC offer (JSEP RFC 8829 §5.3,
// unified plan, BUNDLE RFC 8843).
//
// - Same number and order of m= sections and the same mids; a rejected section
//   keeps its place with port 0.
// - One codec per audio/video section: the first of the preferences the offer
//   has, under the offer's payload type number, plus its RTX if offered.
// - rtcp-fb and extmaps limited to what Portunus implements, with the offer's ids.
// - simulcast: a=simulcast:send + rids answers a=simulcast:recv with the rids as recv.
// - Data channels: UDP/DTLS/SCTP webrtc-datachannel, sctp-port 5000.
// The answer has no ICE/DTLS attributes: setTransport() (transport.hpp) adds them.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sdp/codecs.hpp"
#include "sdp/session_description.hpp"

namespace portunus::sdp {

// What a plugin wants for one m= section.
struct SectionOptions {
    bool accept = true;
    // The direction the plugin wants from its own side; the answer's direction is
    // this intersected with the reverse of the offer's (sendonly offer -> at most recvonly).
    Direction direction = Direction::SendRecv;
};

struct AnswerOptions {
    std::vector<CodecPreference> audioCodecs = defaultAudioCodecs(); // preference order
    std::vector<CodecPreference> videoCodecs = defaultVideoCodecs();
    bool acceptDataChannels = true;
    SectionOptions defaults;
    std::map<std::string, SectionOptions> sections; // by mid; overrides `defaults`
    std::vector<std::string> headerExtensions;      // URIs kept; default: supportedHeaderExtensions()
    std::vector<RtcpFb> feedback;                   // type + parameter kept (payloadType ignored); default below
    uint32_t sctpPort = 5000;
    uint64_t maxMessageSize = 262144; // or the offer's, when smaller

    AnswerOptions();
};

// nack, nack pli, ccm fir, goog-remb, transport-cc.
std::vector<RtcpFb> supportedFeedback();

// A section is rejected when it is rejected in the offer, has no mid, is outside the
// offer's BUNDLE group (when it has one), is not DTLS-SRTP / DTLS-SCTP, has no codec
// we accept, is an application section and data channels are off, is of another
// kind, or its SectionOptions say so.
SessionDescription answer(const SessionDescription &offer, const AnswerOptions &options = {});

} // namespace portunus::sdp
