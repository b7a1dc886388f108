#include "rtp/rtx.hpp"

#include "rtp/byte_io.hpp"

#include <cstring>

namespace portunus::rtp {

size_t writeRtx(std::span<const uint8_t> header, std::span<const uint8_t> payload, const RtxParams &rtx,
                std::span<uint8_t> out) {
    if (header.size() < 12) return 0;
    size_t total = header.size() + 2 + payload.size();
    if (out.size() < total) return 0;
    uint8_t *p = out.data();
    std::memcpy(p, header.data(), header.size());
    p[0] &= static_cast<uint8_t>(~0x20); // no padding
    p[1] = static_cast<uint8_t>((p[1] & 0x80) | (rtx.payload_type & 0x7F));
    uint16_t osn = read16(header.data() + 2);
    write16(p + 2, rtx.seq);
    write32(p + 8, rtx.ssrc);
    write16(p + header.size(), osn);
    if (!payload.empty()) std::memcpy(p + header.size() + 2, payload.data(), payload.size());
    return total;
}

bool decapsulateRtx(RtpPacket &packet, uint8_t original_payload_type, uint32_t original_ssrc) {
    std::span<uint8_t> payload = packet.payload();
    if (payload.size() < 2) return false;
    uint16_t osn = read16(payload.data());
    std::memmove(payload.data(), payload.data() + 2, payload.size() - 2);
    packet.setPayloadSize(payload.size() - 2);
    packet.setSequence(osn);
    packet.setSsrc(original_ssrc);
    packet.setPayloadType(original_payload_type);
    return true;
}

} // namespace portunus::rtp
