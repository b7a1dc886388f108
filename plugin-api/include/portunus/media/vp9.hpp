// VP9 in RTP (RFC 9628): the payload descriptor and keyframe detection.
// No allocation, no exceptions; bounds-checked.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

namespace portunus::media {

struct Vp9Descriptor {
    bool has_picture_id; // I
    uint16_t picture_id;
    bool picture_id_16bit;        // M: 15-bit picture id (else 7-bit)
    bool inter_picture_predicted; // P
    bool layer_indices;           // L: tid, switching_up, sid, inter_layer are present
    uint8_t tid;
    bool switching_up; // U
    uint8_t sid;
    bool inter_layer; // D
    bool has_tl0picidx; // non-flexible mode with layer indices
    uint8_t tl0picidx;
    bool flexible;    // F
    bool begin_frame; // B
    bool end_frame;   // E
    bool has_ss;      // V: a scalability structure follows (parsed for its length only)
    size_t size;      // descriptor length in bytes; the VP9 payload starts there
};

// nullopt when the descriptor or its scalability structure is truncated.
std::optional<Vp9Descriptor> parseVp9(const uint8_t *payload, size_t n);

// The first packet of a keyframe: beginning of a frame, not inter-picture
// predicted, spatial layer 0.
bool isVp9Keyframe(const uint8_t *payload, size_t n);

} // namespace portunus::media
