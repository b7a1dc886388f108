// Picture loss indication (PSFB FMT 1, RFC 4585 §6.3.1): "send a keyframe".
#pragma once

#include "rtp/rtcp/feedback.hpp"

#include <optional>
#include <span>

namespace portunus::rtp::rtcp {

class Pli {
public:
    static std::optional<Pli> parse(const PacketView &packet);
    uint32_t senderSsrc() const { return sender_ssrc_; }
    uint32_t mediaSsrc() const { return media_ssrc_; }

private:
    uint32_t sender_ssrc_ = 0;
    uint32_t media_ssrc_ = 0;
};

// 12 bytes, or 0 if `out` is smaller.
size_t writePli(std::span<uint8_t> out, uint32_t sender_ssrc, uint32_t media_ssrc);

} // namespace portunus::rtp::rtcp
