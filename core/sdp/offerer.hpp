// offer(): an SDP offer Portunus makes itself — an SFU subscriber's streams, a
// plugin's data channel — unified plan, one BUNDLE group, rtcp-mux.
//
// Each stream is one m= section in the order given (renegotiations keep the
// order: a removed stream stays as a port-0 section until reused). RTP
// sections carry one codec under the payload type the plugin chose (plus its
// RTX for video), our fixed header extension ids (the same for every section,
// as BUNDLE wants) and the feedback we act on. The offer has no ICE/DTLS
// attributes and no SSRCs: the PeerConnection adds them (transport.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sdp/session_description.hpp"

namespace portunus::sdp {

struct OfferStream {
    MediaKind kind = MediaKind::Audio; // Audio, Video or Application (data channels)
    std::string mid;
    bool active = true; // false: port 0, kept for its place
    // RTP sections.
    std::string codec; // opus, PCMU, PCMA, G722, VP8, VP9, H264, H265 or AV1 (any case)
    int payloadType = 0;
    std::string fmtp;                  // as in a=fmtp, may be empty
    std::optional<int> rtxPayloadType; // video only
    Direction direction = Direction::SendOnly;
    std::string msidStream, msidTrack; // a=msid when msidStream is set
};

struct OfferOptions {
    std::vector<OfferStream> streams;
    uint32_t sctpPort = 5000;
    uint64_t maxMessageSize = 262144;
};

// The header extension ids of our offers.
inline constexpr int kOfferMidExtensionId = 1;
inline constexpr int kOfferAudioLevelExtensionId = 2;

// Throws std::invalid_argument for an unusable stream (no mid, duplicate mid,
// unknown codec, payload type outside 0..127 or shared by two codecs).
SessionDescription offer(const OfferOptions &options);

} // namespace portunus::sdp
