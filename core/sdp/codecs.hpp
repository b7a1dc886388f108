// Which offered payload type is which codec: the preferences an answerer takes
// (name, clock rate, channels, fmtp parameters that must match), H.264
// profile-level-id matching (RFC 6184) and the defaults Portunus accepts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sdp/media_section.hpp"

namespace portunus::sdp {

struct CodecPreference {
    std::string name;       // encoding name, compared case-insensitively: "opus", "VP8", "H264"
    uint32_t clockRate = 0; // 0 = any
    uint32_t channels = 0;  // 0 = any (an rtpmap without channels counts as 1)
    // fmtp parameters the offered codec must have. A parameter the offer leaves out
    // takes its RFC default (H264 packetization-mode 0, profile-level-id 42000a;
    // VP9 profile-id 0; AV1 profile 0). H264 profile-level-id compares the profile
    // only, not the level (level asymmetry is allowed).
    std::vector<std::pair<std::string, std::string>> parameters;

    bool operator==(const CodecPreference &) const = default;
};

// Opus/48000/2.
std::vector<CodecPreference> defaultAudioCodecs();
// VP8; VP9 profile-id=0; H264 packetization-mode=1 constrained baseline (42e01f), then
// H264 packetization-mode=1 of any profile; AV1 profile 0.
std::vector<CodecPreference> defaultVideoCodecs();

enum class H264Profile { ConstrainedBaseline, Baseline, Main, ConstrainedHigh, High, PredictiveHigh444 };

// The profile of an H.264 profile-level-id ("42e01f" -> ConstrainedBaseline), as
// WebRTC classifies them; nullopt if it is not 6 hex digits of a known profile.
std::optional<H264Profile> h264Profile(std::string_view profileLevelId);

// Whether payload type `payloadType` of section `m` is the codec `preference` describes.
bool matchesCodec(const CodecPreference &preference, const MediaSection &m, int payloadType);

struct CodecChoice {
    int payloadType = 0;
    std::optional<int> rtxPayloadType; // its RTX (rtx rtpmap with apt=payloadType), if offered
    bool operator==(const CodecChoice &) const = default;
};

// The first preference the section offers (the offer's first matching payload type
// for it), or nullopt if it offers none of them.
std::optional<CodecChoice> chooseCodec(const MediaSection &m, const std::vector<CodecPreference> &preferences);

} // namespace portunus::sdp
