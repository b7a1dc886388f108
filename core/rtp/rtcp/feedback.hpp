// The common part of RTCP feedback messages (RFC 4585 §6.1): RTPFB (205) and
// PSFB (206) share a header with the sender's and the media source's SSRC,
// followed by feedback control information (FCI) that depends on FMT.
#pragma once

#include "rtp/rtcp/rtcp_header.hpp"

#include <optional>
#include <span>

namespace portunus::rtp::rtcp {

inline constexpr size_t kFeedbackHeaderSize = kHeaderSize + 8;

struct FeedbackView {
    uint32_t sender_ssrc = 0;
    uint32_t media_ssrc = 0;
    std::span<const uint8_t> fci;
};

// The feedback header of `packet` when it is of `type` and `fmt`.
inline std::optional<FeedbackView> parseFeedback(const PacketView &packet, uint8_t type, uint8_t fmt) {
    if (packet.type != type || packet.count != fmt || packet.bytes.size() < kFeedbackHeaderSize) return std::nullopt;
    const uint8_t *p = packet.bytes.data();
    return FeedbackView{read32(p + 4), read32(p + 8), packet.bytes.subspan(kFeedbackHeaderSize)};
}

inline void writeFeedbackHeader(uint8_t *p, uint8_t type, uint8_t fmt, size_t total_size, uint32_t sender_ssrc,
                                uint32_t media_ssrc) {
    writeHeader(p, fmt, type, total_size);
    write32(p + 4, sender_ssrc);
    write32(p + 8, media_ssrc);
}

} // namespace portunus::rtp::rtcp
