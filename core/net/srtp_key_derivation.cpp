#include "net/srtp_key_derivation.hpp"

#include <openssl/crypto.h>

#include <algorithm>
#include <cstring>

namespace portunus::net {

SrtpKeyDerivation::~SrtpKeyDerivation() { OPENSSL_cleanse(salt_.data(), salt_.size()); }

bool SrtpKeyDerivation::init(const uint8_t *master_key, const uint8_t *master_salt, size_t salt_size) {
    if (salt_size > kMasterSaltSize) return false;
    salt_.fill(0);
    std::copy_n(master_salt, salt_size, salt_.begin());
    return prf_.init(master_key);
}

bool SrtpKeyDerivation::derive(Label label, uint8_t *out, size_t size) {
    // x = key_id XOR master_salt, key_id = label || r (7 bytes, r = 0), right-aligned
    // in 112 bits; the PRF is AES-CM keystream from IV x * 2^16.
    uint8_t iv[SrtpAesCm::kIvSize] = {};
    std::copy(salt_.begin(), salt_.end(), iv);
    iv[7] ^= static_cast<uint8_t>(label);
    std::memset(out, 0, size);
    return prf_.apply(iv, out, size);
}

} // namespace portunus::net
