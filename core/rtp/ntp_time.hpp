// NTP timestamps as RTCP uses them (RFC 3550 §4): 64-bit seconds.fraction
// since 1900, and the "compact" middle 32 bits (16.16 seconds) that LSR,
// DLSR and round-trip times are measured in.
#pragma once

#include <cstdint>
#include <optional>

namespace portunus::rtp {

struct NtpTime {
    uint32_t seconds = 0;
    uint32_t fraction = 0;
};

inline constexpr int64_t kNtpUnixEpochOffsetS = 2208988800LL; // 1900-01-01 → 1970-01-01

// A Unix time in microseconds as NTP.
inline NtpTime ntpFromUnixUs(int64_t unix_us) {
    int64_t s = unix_us / 1000000, us = unix_us % 1000000;
    if (us < 0) {
        us += 1000000;
        --s;
    }
    return NtpTime{static_cast<uint32_t>(s + kNtpUnixEpochOffsetS),
                   static_cast<uint32_t>((static_cast<uint64_t>(us) << 32) / 1000000)};
}

inline uint32_t compactNtp(NtpTime t) { return (t.seconds << 16) | (t.fraction >> 16); }

// A duration in microseconds as compact NTP units (1/65536 s), and back.
inline uint32_t usToCompactNtp(int64_t us) {
    return us <= 0 ? 0 : static_cast<uint32_t>((static_cast<uint64_t>(us) << 16) / 1000000);
}
inline int64_t compactNtpToUs(uint32_t compact) { return static_cast<int64_t>((uint64_t(compact) * 1000000) >> 16); }

// Round-trip time from a report block about our stream (RFC 3550 §6.4.1):
// now - LSR - DLSR, all compact NTP in our clock. Empty when the block holds
// no SR echo yet (LSR 0) or the result is negative (clock trouble).
inline std::optional<int64_t> rttUs(uint32_t now_compact, uint32_t last_sr, uint32_t delay_since_last_sr) {
    if (last_sr == 0) return std::nullopt;
    uint32_t rtt = now_compact - last_sr - delay_since_last_sr;
    if (static_cast<int32_t>(rtt) < 0) return std::nullopt;
    return compactNtpToUs(rtt);
}

} // namespace portunus::rtp
