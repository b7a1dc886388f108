// VP8 in RTP (RFC 7741): the payload descriptor, keyframe detection and a
// rewriter that keeps picture ids and TL0PICIDX continuous across source
// switches. No allocation, no exceptions; bounds-checked.
#pragma once

#include <portunus/media/sequence_mapper.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>

namespace portunus::media {

struct Vp8Descriptor {
    bool start_of_partition; // S
    uint8_t partition_id;    // PID
    bool has_picture_id;     // I
    bool picture_id_16bit;   // M: 15-bit picture id (else 7-bit)
    uint16_t picture_id;
    bool has_tl0picidx; // L
    uint8_t tl0picidx;
    bool has_tid; // T
    uint8_t tid;
    bool layer_sync; // Y
    size_t size;     // descriptor length in bytes; the VP8 payload starts there
};

// nullopt when truncated or when no VP8 payload byte follows the descriptor.
std::optional<Vp8Descriptor> parseVp8(const uint8_t *payload, size_t n);

// The first packet of a keyframe: start of partition 0, and the P bit of the
// VP8 payload header clear.
bool isVp8Keyframe(const uint8_t *payload, size_t n);

// Width and height (14 bits each, scaling bits dropped) from the keyframe
// header of a keyframe's first packet; false when it is not one or is short.
bool vp8KeyframeSize(const uint8_t *payload, size_t n, uint16_t &width, uint16_t &height);

// Rewrites picture id and TL0PICIDX in place, like RtpRewriter does for
// sequence numbers: offset within a source, continuing after the newest
// output after switchSource(). The descriptor keeps its size: 7-bit ids stay
// 7-bit (and wrap at 128), 15-bit ids stay 15-bit. One per outgoing stream.
class Vp8Rewriter {
public:
    void rewrite(uint8_t *payload, size_t n);
    // A packet of the current source not forwarded (temporal layer
    // filtering): its picture leaves no gap in the picture ids.
    void drop(const uint8_t *payload, size_t n);
    void switchSource();

private:
    uint32_t pictureInput(const Vp8Descriptor &d) const;

    SequenceMapper picture_id_{15};
    SequenceMapper tl0picidx_{8};
};

} // namespace portunus::media
