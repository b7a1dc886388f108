// Header-only RTCP helpers for plugins (part of the SDK's media toolkit):
// recognise keyframe requests, build REMB. No allocation; bounds-checked.
#pragma once

#include <cstddef>
#include <cstdint>

namespace portunus::media {

// The SSRC of an RTP packet (0 when it is too short to have one).
inline uint32_t rtpSsrc(const uint8_t *p, size_t n) {
    return n >= 12 ? uint32_t(p[8]) << 24 | uint32_t(p[9]) << 16 | uint32_t(p[10]) << 8 | p[11] : 0;
}

// Whether an RTCP compound asks for a keyframe (PLI or FIR, RFC 4585/5104).
inline bool asksKeyframe(const uint8_t *p, size_t n) {
    while (n >= 4) {
        size_t len = (size_t(p[2]) << 8 | p[3]) * 4 + 4;
        uint8_t fmt = p[0] & 0x1F;
        if (len > n) return false;
        if (p[1] == 206 && (fmt == 1 || fmt == 4)) return true;
        p += len;
        n -= len;
    }
    return false;
}

// REMB (draft-alvestrand-rmcat-remb): asks the sender of `media_ssrc` to stay
// under `bitrate` bits/s. Writes 24 bytes into `out`; returns 0 if it does not fit.
inline size_t writeRemb(uint8_t *out, size_t capacity, uint32_t sender_ssrc, uint32_t media_ssrc, uint64_t bitrate) {
    if (capacity < 24) return 0;
    uint8_t exponent = 0;
    while (bitrate > 0x3FFFF) { // 18-bit mantissa
        bitrate >>= 1;
        ++exponent;
    }
    auto put32 = [](uint8_t *p, uint32_t v) {
        p[0] = uint8_t(v >> 24);
        p[1] = uint8_t(v >> 16);
        p[2] = uint8_t(v >> 8);
        p[3] = uint8_t(v);
    };
    out[0] = 0x80 | 15; // V=2, FMT=15 (application layer feedback)
    out[1] = 206;       // PSFB
    out[2] = 0;
    out[3] = 5; // length in words - 1
    put32(out + 4, sender_ssrc);
    put32(out + 8, 0); // media source: unused, 0 by the draft
    out[12] = 'R';
    out[13] = 'E';
    out[14] = 'M';
    out[15] = 'B';
    out[16] = 1; // one SSRC follows
    out[17] = uint8_t(exponent << 2 | ((bitrate >> 16) & 0x03));
    out[18] = uint8_t(bitrate >> 8);
    out[19] = uint8_t(bitrate);
    put32(out + 20, media_ssrc);
    return 24;
}

} // namespace portunus::media
