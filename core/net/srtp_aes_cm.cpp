#include "net/srtp_aes_cm.hpp"

#include <openssl/evp.h>

#include <climits>

namespace portunus::net {

void SrtpAesCm::Free::operator()(EVP_CIPHER_CTX *c) const { EVP_CIPHER_CTX_free(c); }

bool SrtpAesCm::init(const uint8_t *key) {
    ctx_.reset(EVP_CIPHER_CTX_new());
    if (ctx_ && EVP_EncryptInit_ex2(ctx_.get(), EVP_aes_128_ctr(), key, nullptr, nullptr) == 1) return true;
    ctx_.reset();
    return false;
}

bool SrtpAesCm::apply(const uint8_t *iv, uint8_t *data, size_t length) {
    if (!ctx_ || length > INT_MAX) return false;
    // Same cipher and key: only the counter block changes.
    if (EVP_EncryptInit_ex2(ctx_.get(), nullptr, nullptr, iv, nullptr) != 1) return false;
    if (length == 0) return true;
    int out = 0;
    return EVP_EncryptUpdate(ctx_.get(), data, &out, data, static_cast<int>(length)) == 1 &&
           static_cast<size_t>(out) == length;
}

} // namespace portunus::net
