// Codec names and keyframe detection on RTP payloads, for the codecs a
// Portunus room forwards. No allocation, no exceptions; bounds-checked.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace portunus::media {

enum class Codec { unknown, opus, pcmu, pcma, g722, vp8, vp9, h264, av1, h265 };

// Case-insensitive SDP encoding names ("VP8", "H264", "AV1", "opus"...;
// also "AV1X" and "HEVC"); Codec::unknown for anything else.
Codec codecFromName(std::string_view name);

// Lower case, as the Janus API spells them ("vp8", "h264", "opus"...;
// "unknown" for Codec::unknown).
const char *codecName(Codec codec);

// Whether the RTP payload is the first packet of a keyframe:
// - VP8, VP9: isVp8Keyframe, isVp9Keyframe;
// - H264 (RFC 6184): an IDR (5) or SPS (7) NAL unit alone, a STAP-A holding
//   one, or the start fragment of an IDR in an FU-A;
// - H265 (RFC 7798): an IRAP (16..21), VPS or SPS NAL unit alone, an AP
//   holding one, or the start fragment of an IRAP in an FU;
// - AV1 (AV1 RTP payload format §4.4): the N bit of the aggregation header,
//   the first packet of a new coded video sequence.
// Always false for audio codecs and Codec::unknown.
bool isKeyframe(Codec codec, const uint8_t *payload, size_t n);

bool isH264Keyframe(const uint8_t *payload, size_t n);
bool isH265Keyframe(const uint8_t *payload, size_t n);
bool isAv1Keyframe(const uint8_t *payload, size_t n);

} // namespace portunus::media
