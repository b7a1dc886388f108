// Receiver estimated max bitrate (PSFB FMT 15 "REMB",
// draft-alvestrand-rmcat-remb): a bitrate as 6-bit exponent + 18-bit
// mantissa and the SSRCs it applies to.
#pragma once

#include "rtp/rtcp/feedback.hpp"

#include <optional>
#include <span>

namespace portunus::rtp::rtcp {

class Remb {
public:
    static std::optional<Remb> parse(const PacketView &packet);

    uint32_t senderSsrc() const { return sender_ssrc_; }
    uint64_t bitrate() const { return bitrate_; } // bits per second
    size_t ssrcCount() const { return count_; }
    uint32_t ssrc(size_t index) const { return index < count_ ? read32(ssrcs_ + 4 * index) : 0; }

private:
    uint32_t sender_ssrc_ = 0;
    uint64_t bitrate_ = 0;
    const uint8_t *ssrcs_ = nullptr;
    uint8_t count_ = 0;
};

// Bytes written or 0 (too small, more than 255 SSRCs). The bitrate is
// rounded down to what mantissa << exponent can express.
size_t writeRemb(std::span<uint8_t> out, uint32_t sender_ssrc, uint64_t bitrate, std::span<const uint32_t> ssrcs);

} // namespace portunus::rtp::rtcp
