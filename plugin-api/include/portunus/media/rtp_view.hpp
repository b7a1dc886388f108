// A read-only view of an RTP packet (RFC 3550) and its header extensions
// (RFC 8285), for plugins that look into what peers send. No allocation, no
// exceptions; every field is bounds-checked, and the pointers point into the
// caller's buffer (valid as long as it is).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace portunus::media {

struct RtpHeader {
    uint8_t payload_type;
    bool marker;
    uint16_t seq;
    uint32_t timestamp;
    uint32_t ssrc;
    size_t header_size; // fixed header + CSRCs + extension block
    const uint8_t *payload;
    size_t payload_size; // padding removed
    uint16_t ext_profile; // 0xBEDE, 0x100x, another profile, or 0 when there is no extension block
    const uint8_t *ext;   // the extension block's elements (after its 4-byte header), or nullptr
    size_t ext_size;
};

// Version 2, CSRCs, extension block and padding checked against `length`;
// nullopt on anything malformed (short, wrong version, lengths past the end,
// padding count 0 or larger than the payload).
std::optional<RtpHeader> parseRtp(const uint8_t *data, size_t length);

// The value of header extension `id` in the one-byte (0xBEDE) or two-byte
// (0x100x) form; an empty span when absent, when `id` is 0 (or above 14 in
// the one-byte form), or when the block is malformed before reaching it.
std::span<const uint8_t> findExtension(const RtpHeader &h, uint8_t id);

} // namespace portunus::media
