// The cryptographic transform of one SRTP protection profile for one
// direction, RTP and RTCP: session keys derived once at init (RFC 3711 §4.3),
// one OpenSSL context per session key. The calls work in place on packets
// whose layout SrtpSession has already checked, and allocate nothing.
//
//   AES_CM_128_HMAC_SHA1_80 (RFC 3711): AES-128 counter mode, 80-bit
//     HMAC-SHA1 tag; SRTCP trailer = E||index, then the tag.
//   AEAD_AES_128_GCM (RFC 7714): AES-128-GCM, 16-byte tag; SRTCP trailer =
//     the tag, then E||index (§9).
#pragma once

#include "net/srtp_aes_cm.hpp"
#include "net/srtp_aes_gcm.hpp"
#include "net/srtp_hmac_sha1.hpp"
#include "net/srtp_profile.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace portunus::net {

class SrtpTransform {
public:
    static constexpr size_t kMaxRtpTagSize = 16;
    static constexpr size_t kMaxRtcpTrailerSize = 16 + 4;
    static constexpr uint32_t kRtcpEncryptedFlag = 0x80000000u; // the E bit
    static constexpr uint32_t kMaxRtcpIndex = 0x7fffffffu;

    SrtpTransform() = default;
    ~SrtpTransform();
    SrtpTransform(const SrtpTransform &) = delete;
    SrtpTransform &operator=(const SrtpTransform &) = delete;

    // `key_and_salt`: master key (16) || master salt (14, or 12 for GCM).
    // `encrypt`: protect (outbound) or unprotect (inbound).
    bool init(SrtpProfile profile, bool encrypt, const uint8_t *key_and_salt, std::string &error);

    size_t rtpTagSize() const { return gcm() ? SrtpAesGcm::kTagSize : kHmacTagSize; }
    size_t rtcpTrailerSize() const { return 4 + rtpTagSize(); }

    // SRTP. packet[0, header) is the RTP header with CSRCs and extension (in
    // clear, authenticated); packet[header, length) the payload, padding
    // included. `index` is ROC << 16 | SEQ. protectRtp appends the tag.
    bool protectRtp(uint8_t *packet, size_t header, size_t length, uint32_t ssrc, uint64_t index);
    // `length` counts the tag. True when authentic; the payload is then plaintext.
    bool unprotectRtp(uint8_t *packet, size_t header, size_t length, uint32_t ssrc, uint64_t index);

    // SRTCP. packet[0, 8) is the first header and the sender SSRC (in clear);
    // the rest is encrypted and the trailer (E = 1, `index`, tag) appended.
    bool protectRtcp(uint8_t *packet, size_t length, uint32_t ssrc, uint32_t index);
    // E||index of a protected packet; `length` >= 8 + rtcpTrailerSize().
    uint32_t rtcpEAndIndex(const uint8_t *packet, size_t length) const;
    // `length` counts the trailer. True when authentic; the packet is then plaintext.
    bool unprotectRtcp(uint8_t *packet, size_t length, uint32_t ssrc);

private:
    static constexpr size_t kHmacTagSize = 10;
    static constexpr size_t kSaltSize = 14; // AES-CM session salt; GCM uses the first 12 bytes

    bool gcm() const { return profile_ == SrtpProfile::aead_aes_128_gcm; }

    SrtpProfile profile_ = SrtpProfile::aes_cm_128_hmac_sha1_80;
    bool encrypt_ = true;
    std::array<uint8_t, kSaltSize> rtp_salt_{}, rtcp_salt_{};
    // AES_CM_128_HMAC_SHA1_80
    SrtpAesCm rtp_cm_, rtcp_cm_;
    SrtpHmacSha1 rtp_auth_, rtcp_auth_;
    // AEAD_AES_128_GCM
    SrtpAesGcm rtp_gcm_, rtcp_gcm_;
};

} // namespace portunus::net
