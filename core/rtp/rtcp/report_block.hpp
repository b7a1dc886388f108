// A reception report block (RFC 3550 §6.4.1), carried by SR and RR.
#pragma once

#include <cstddef>
#include <cstdint>

namespace portunus::rtp::rtcp {

struct ReportBlock {
    static constexpr size_t kSize = 24;
    static constexpr size_t kMaxPerPacket = 31; // the 5-bit count

    uint32_t ssrc = 0;
    uint8_t fraction_lost = 0;      // lost/expected since the last report, in 1/256
    int32_t cumulative_lost = 0;    // 24-bit signed on the wire (clamped when written)
    uint32_t extended_highest_seq = 0;
    uint32_t jitter = 0;            // RTP timestamp units
    uint32_t last_sr = 0;           // LSR: middle 32 bits of the last SR's NTP time
    uint32_t delay_since_last_sr = 0; // DLSR: 1/65536 s

    static ReportBlock read(const uint8_t *p); // p has kSize bytes
    void write(uint8_t *p) const;
};

} // namespace portunus::rtp::rtcp
