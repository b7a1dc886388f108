// The SRTP key derivation (RFC 3711 §4.3): session keys and salts from the
// master key and salt with the AES-CM PRF, key derivation rate 0 (so the
// index term r is 0 and derivation happens once per session).
//
// AEAD_AES_128_GCM (RFC 7714 §11) uses the same KDF with its 12-byte master
// salt; like libsrtp (srtp_stream_init_keys) we append two zero bytes to make
// the 112-bit salt the AES-CM PRF expects.
#pragma once

#include "net/srtp_aes_cm.hpp"

#include <array>
#include <cstddef>
#include <cstdint>

namespace portunus::net {

class SrtpKeyDerivation {
public:
    static constexpr size_t kMasterKeySize = 16;
    static constexpr size_t kMasterSaltSize = 14;

    enum class Label : uint8_t {
        rtp_encryption = 0x00,
        rtp_authentication = 0x01,
        rtp_salt = 0x02,
        rtcp_encryption = 0x03,
        rtcp_authentication = 0x04,
        rtcp_salt = 0x05,
    };

    SrtpKeyDerivation() = default;
    ~SrtpKeyDerivation();
    SrtpKeyDerivation(const SrtpKeyDerivation &) = delete;
    SrtpKeyDerivation &operator=(const SrtpKeyDerivation &) = delete;

    // `salt_size` is 14, or 12 for the AEAD profiles (zero-padded to 14).
    bool init(const uint8_t *master_key, const uint8_t *master_salt, size_t salt_size);

    // The first `size` bytes of the PRF output for `label`.
    bool derive(Label label, uint8_t *out, size_t size);

private:
    SrtpAesCm prf_;
    std::array<uint8_t, kMasterSaltSize> salt_{};
};

} // namespace portunus::net
