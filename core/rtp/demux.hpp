// Telling apart what arrives on one WebRTC 5-tuple (RFC 7983 first-byte
// ranges) and RTP from RTCP on a muxed port (RFC 5761: the second byte of
// RTCP is a packet type 192..223, i.e. an RTP payload type 64..95 with the
// marker bit set or not).
#pragma once

#include <cstddef>
#include <cstdint>

namespace portunus::rtp {

inline constexpr size_t kRtpHeaderSize = 12;
inline constexpr size_t kRtcpHeaderSize = 4;

// STUN: first byte 0..3 (and at least the 20-byte STUN header).
inline bool isStun(const uint8_t *buf, size_t len) { return len >= 20 && buf[0] < 4; }
// DTLS records: first byte 20..63.
inline bool isDtls(const uint8_t *buf, size_t len) { return len >= 13 && buf[0] >= 20 && buf[0] <= 63; }
// RTP or RTCP: first byte 128..191 (version 2).
inline bool isRtpOrRtcp(const uint8_t *buf, size_t len) { return len >= kRtcpHeaderSize && buf[0] >= 128 && buf[0] <= 191; }

inline bool isRtcp(const uint8_t *buf, size_t len) {
    return len >= 8 && isRtpOrRtcp(buf, len) && buf[1] >= 192 && buf[1] <= 223;
}
inline bool isRtp(const uint8_t *buf, size_t len) {
    return len >= kRtpHeaderSize && isRtpOrRtcp(buf, len) && !(buf[1] >= 192 && buf[1] <= 223);
}

} // namespace portunus::rtp
