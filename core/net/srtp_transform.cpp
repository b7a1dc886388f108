#include "net/srtp_transform.hpp"

#include "net/srtp_key_derivation.hpp"
#include "rtp/byte_io.hpp"

#include <openssl/crypto.h>

#include <cstring>

namespace portunus::net {

namespace {

using Label = SrtpKeyDerivation::Label;

constexpr size_t kRtcpHeaderSize = 8; // first header word and the sender SSRC, never encrypted
constexpr size_t kGcmSaltSize = 12;

// RFC 3711 §4.1.1: IV = (salt * 2^16) XOR (SSRC * 2^64) XOR (index * 2^16).
// The SRTCP index takes the place of the 48-bit SRTP index.
void counterModeIv(const uint8_t *salt, uint32_t ssrc, uint64_t index, uint8_t *iv) {
    std::memset(iv, 0, SrtpAesCm::kIvSize);
    rtp::write32(iv + 4, ssrc);
    rtp::write16(iv + 8, static_cast<uint16_t>(index >> 32));
    rtp::write32(iv + 10, static_cast<uint32_t>(index));
    for (size_t i = 0; i < 14; ++i) iv[i] ^= salt[i];
}

// RFC 7714 §8.1 and §9.1: IV = salt XOR (0x0000 || SSRC || ROC || SEQ) for
// SRTP, salt XOR (0x0000 || SSRC || 0x0000 || SRTCP index) for SRTCP; both are
// 0x0000 || SSRC || 48-bit index.
void gcmIv(const uint8_t *salt, uint32_t ssrc, uint64_t index, uint8_t *iv) {
    std::memset(iv, 0, SrtpAesGcm::kIvSize);
    rtp::write32(iv + 2, ssrc);
    rtp::write16(iv + 6, static_cast<uint16_t>(index >> 32));
    rtp::write32(iv + 8, static_cast<uint32_t>(index));
    for (size_t i = 0; i < kGcmSaltSize; ++i) iv[i] ^= salt[i];
}

} // namespace

SrtpTransform::~SrtpTransform() {
    OPENSSL_cleanse(rtp_salt_.data(), rtp_salt_.size());
    OPENSSL_cleanse(rtcp_salt_.data(), rtcp_salt_.size());
}

bool SrtpTransform::init(SrtpProfile profile, bool encrypt, const uint8_t *key_and_salt, std::string &error) {
    profile_ = profile;
    encrypt_ = encrypt;
    size_t master_salt = gcm() ? kGcmSaltSize : kSaltSize;
    SrtpKeyDerivation kdf;
    if (!kdf.init(key_and_salt, key_and_salt + SrtpKeyDerivation::kMasterKeySize, master_salt)) {
        error = "cannot set up the SRTP key derivation";
        return false;
    }
    uint8_t rtp_key[16], rtcp_key[16], rtp_auth[20], rtcp_auth[20];
    bool ok = kdf.derive(Label::rtp_encryption, rtp_key, sizeof rtp_key) &&
              kdf.derive(Label::rtp_salt, rtp_salt_.data(), rtp_salt_.size()) &&
              kdf.derive(Label::rtcp_encryption, rtcp_key, sizeof rtcp_key) &&
              kdf.derive(Label::rtcp_salt, rtcp_salt_.data(), rtcp_salt_.size());
    if (ok && gcm()) {
        ok = rtp_gcm_.init(rtp_key, encrypt) && rtcp_gcm_.init(rtcp_key, encrypt);
    } else if (ok) {
        ok = kdf.derive(Label::rtp_authentication, rtp_auth, sizeof rtp_auth) &&
             kdf.derive(Label::rtcp_authentication, rtcp_auth, sizeof rtcp_auth) && rtp_cm_.init(rtp_key) &&
             rtcp_cm_.init(rtcp_key) && rtp_auth_.init(rtp_auth, sizeof rtp_auth) &&
             rtcp_auth_.init(rtcp_auth, sizeof rtcp_auth);
    }
    OPENSSL_cleanse(rtp_key, sizeof rtp_key);
    OPENSSL_cleanse(rtcp_key, sizeof rtcp_key);
    OPENSSL_cleanse(rtp_auth, sizeof rtp_auth);
    OPENSSL_cleanse(rtcp_auth, sizeof rtcp_auth);
    if (!ok) error = "cannot derive the SRTP session keys (OpenSSL)";
    return ok;
}

bool SrtpTransform::protectRtp(uint8_t *packet, size_t header, size_t length, uint32_t ssrc, uint64_t index) {
    if (!encrypt_) return false;
    if (gcm()) {
        uint8_t iv[SrtpAesGcm::kIvSize];
        gcmIv(rtp_salt_.data(), ssrc, index, iv);
        return rtp_gcm_.seal(iv, {packet, header}, packet + header, length - header, packet + length);
    }
    uint8_t iv[SrtpAesCm::kIvSize];
    counterModeIv(rtp_salt_.data(), ssrc, index, iv);
    if (!rtp_cm_.apply(iv, packet + header, length - header)) return false;
    // The tag covers the header, the encrypted payload and the ROC (§4.2).
    uint8_t roc[4], mac[SrtpHmacSha1::kDigestSize];
    rtp::write32(roc, static_cast<uint32_t>(index >> 16));
    rtp_auth_.compute(packet, length, roc, sizeof roc, mac);
    std::memcpy(packet + length, mac, kHmacTagSize);
    return true;
}

bool SrtpTransform::unprotectRtp(uint8_t *packet, size_t header, size_t length, uint32_t ssrc, uint64_t index) {
    if (encrypt_) return false;
    size_t body = length - rtpTagSize();
    if (gcm()) {
        uint8_t iv[SrtpAesGcm::kIvSize];
        gcmIv(rtp_salt_.data(), ssrc, index, iv);
        return rtp_gcm_.open(iv, {packet, header}, packet + header, body - header, packet + body);
    }
    uint8_t roc[4], mac[SrtpHmacSha1::kDigestSize];
    rtp::write32(roc, static_cast<uint32_t>(index >> 16));
    rtp_auth_.compute(packet, body, roc, sizeof roc, mac);
    if (CRYPTO_memcmp(mac, packet + body, kHmacTagSize) != 0) return false;
    uint8_t iv[SrtpAesCm::kIvSize];
    counterModeIv(rtp_salt_.data(), ssrc, index, iv);
    return rtp_cm_.apply(iv, packet + header, body - header);
}

bool SrtpTransform::protectRtcp(uint8_t *packet, size_t length, uint32_t ssrc, uint32_t index) {
    if (!encrypt_ || index > kMaxRtcpIndex) return false;
    uint8_t e_and_index[4];
    rtp::write32(e_and_index, kRtcpEncryptedFlag | index);
    uint8_t *payload = packet + kRtcpHeaderSize;
    size_t payload_size = length - kRtcpHeaderSize;
    if (gcm()) {
        // AAD = header || E||index (§9.2); the tag precedes E||index on the wire.
        uint8_t iv[SrtpAesGcm::kIvSize];
        gcmIv(rtcp_salt_.data(), ssrc, index, iv);
        if (!rtcp_gcm_.seal(iv, {packet, kRtcpHeaderSize, e_and_index, 4}, payload, payload_size, packet + length))
            return false;
        std::memcpy(packet + length + SrtpAesGcm::kTagSize, e_and_index, 4);
        return true;
    }
    uint8_t iv[SrtpAesCm::kIvSize];
    counterModeIv(rtcp_salt_.data(), ssrc, index, iv);
    if (!rtcp_cm_.apply(iv, payload, payload_size)) return false;
    std::memcpy(packet + length, e_and_index, 4);
    uint8_t mac[SrtpHmacSha1::kDigestSize];
    rtcp_auth_.compute(packet, length + 4, nullptr, 0, mac);
    std::memcpy(packet + length + 4, mac, kHmacTagSize);
    return true;
}

uint32_t SrtpTransform::rtcpEAndIndex(const uint8_t *packet, size_t length) const {
    return rtp::read32(packet + length - (gcm() ? 4 : 4 + kHmacTagSize));
}

bool SrtpTransform::unprotectRtcp(uint8_t *packet, size_t length, uint32_t ssrc) {
    if (encrypt_) return false;
    uint32_t word = rtcpEAndIndex(packet, length);
    uint32_t index = word & kMaxRtcpIndex;
    bool encrypted = (word & kRtcpEncryptedFlag) != 0;
    size_t body = length - rtcpTrailerSize(); // header and (encrypted) payload
    if (gcm()) {
        uint8_t iv[SrtpAesGcm::kIvSize];
        gcmIv(rtcp_salt_.data(), ssrc, index, iv);
        const uint8_t *e_and_index = packet + length - 4;
        const uint8_t *tag = packet + body;
        // Unencrypted SRTCP (E = 0) is authenticated whole (§9.3).
        if (!encrypted) return rtcp_gcm_.open(iv, {packet, body, e_and_index, 4}, packet + body, 0, tag);
        return rtcp_gcm_.open(iv, {packet, kRtcpHeaderSize, e_and_index, 4}, packet + kRtcpHeaderSize,
                              body - kRtcpHeaderSize, tag);
    }
    // We always ask for confidentiality, so like libsrtp refuse E = 0.
    if (!encrypted) return false;
    uint8_t mac[SrtpHmacSha1::kDigestSize];
    rtcp_auth_.compute(packet, body + 4, nullptr, 0, mac);
    if (CRYPTO_memcmp(mac, packet + body + 4, kHmacTagSize) != 0) return false;
    uint8_t iv[SrtpAesCm::kIvSize];
    counterModeIv(rtcp_salt_.data(), ssrc, index, iv);
    return rtcp_cm_.apply(iv, packet + kRtcpHeaderSize, body - kRtcpHeaderSize);
}

} // namespace portunus::net
