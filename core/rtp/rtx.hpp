// RTP retransmission payload format (RFC 4588 §4): an RTX packet carries the
// original header (CSRCs and extensions included) under the RTX payload
// type, SSRC and sequence number, then the original sequence number (OSN)
// and the original payload. Padding is dropped both ways.
#pragma once

#include "rtp/rtp_packet.hpp"

#include <cstddef>
#include <cstdint>
#include <span>

namespace portunus::rtp {

struct RtxParams {
    uint8_t payload_type = 0; // the RTX payload type (apt= the original's)
    uint32_t ssrc = 0;        // the RTX stream's SSRC
    uint16_t seq = 0;         // the RTX stream's own sequence number
};

// Writes the RTX form of a packet given as its header (fixed + CSRCs +
// extensions, as RtpPacket::headerSize() spans it) and payload. Returns the
// bytes written, or 0 when `out` is too small or `header` is not an RTP header.
size_t writeRtx(std::span<const uint8_t> header, std::span<const uint8_t> payload, const RtxParams &rtx,
                std::span<uint8_t> out);

inline size_t writeRtx(const RtpPacket &original, const RtxParams &rtx, std::span<uint8_t> out) {
    return writeRtx({original.data(), original.headerSize()}, original.payload(), rtx, out);
}

// Turns an RTX packet back into the original, in place: sequence number from
// the OSN, the original SSRC and payload type. False (packet untouched) when
// the payload is too short to hold an OSN.
bool decapsulateRtx(RtpPacket &packet, uint8_t original_payload_type, uint32_t original_ssrc);

} // namespace portunus::rtp
