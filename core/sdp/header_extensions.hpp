// The RTP header extensions (RFC 8285) Portunus negotiates, by URI, and the ids
// a section gives them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sdp/media_section.hpp"

namespace portunus::sdp {

namespace extension_uri {
inline constexpr std::string_view kMid = "urn:ietf:params:rtp-hdrext:sdes:mid";
inline constexpr std::string_view kRid = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
inline constexpr std::string_view kRepairedRid = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";
inline constexpr std::string_view kAbsSendTime = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
inline constexpr std::string_view kTransportCc =
    "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
inline constexpr std::string_view kAudioLevel = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
inline constexpr std::string_view kVideoOrientation = "urn:3gpp:video-orientation";
} // namespace extension_uri

// All of the above: what the answerer keeps by default.
std::vector<std::string> supportedHeaderExtensions();

// The id each supported extension has in a section; 0 = not negotiated.
struct HeaderExtensionIds {
    int mid = 0;
    int rid = 0;
    int repairedRid = 0;
    int absSendTime = 0;
    int transportCc = 0;
    int audioLevel = 0;
    int videoOrientation = 0;
    bool operator==(const HeaderExtensionIds &) const = default;
};

HeaderExtensionIds headerExtensionIds(const MediaSection &m);

} // namespace portunus::sdp
