// Goodbye (BYE, PT 203, RFC 3550 §6.6): the SSRCs leaving and an optional reason.
#pragma once

#include "rtp/rtcp/rtcp_header.hpp"

#include <optional>
#include <span>
#include <string_view>

namespace portunus::rtp::rtcp {

class Bye {
public:
    static std::optional<Bye> parse(const PacketView &packet);

    size_t ssrcCount() const { return count_; }
    uint32_t ssrc(size_t index) const { return index < count_ ? read32(ssrcs_ + 4 * index) : 0; }
    std::string_view reason() const { return reason_; }

private:
    const uint8_t *ssrcs_ = nullptr;
    uint8_t count_ = 0;
    std::string_view reason_;
};

// Bytes written, or 0 (too small, more than 31 SSRCs, reason > 255 bytes).
size_t writeBye(std::span<uint8_t> out, std::span<const uint32_t> ssrcs, std::string_view reason = {});

} // namespace portunus::rtp::rtcp
