#include "net/srtp_aes_gcm.hpp"

#include <openssl/evp.h>

#include <climits>

namespace portunus::net {

void SrtpAesGcm::Free::operator()(EVP_CIPHER_CTX *c) const { EVP_CIPHER_CTX_free(c); }

bool SrtpAesGcm::init(const uint8_t *key, bool encrypt) {
    encrypt_ = encrypt;
    ctx_.reset(EVP_CIPHER_CTX_new());
    // The default GCM IV length is 12 bytes, the one RFC 7714 uses.
    if (ctx_ && EVP_CipherInit_ex2(ctx_.get(), EVP_aes_128_gcm(), key, nullptr, encrypt ? 1 : 0, nullptr) == 1)
        return true;
    ctx_.reset();
    return false;
}

bool SrtpAesGcm::start(const uint8_t *iv, const Aad &aad) {
    if (!ctx_ || aad.first_size > INT_MAX || aad.second_size > INT_MAX) return false;
    if (EVP_CipherInit_ex2(ctx_.get(), nullptr, nullptr, iv, encrypt_ ? 1 : 0, nullptr) != 1) return false;
    int out = 0;
    if (aad.first_size &&
        EVP_CipherUpdate(ctx_.get(), nullptr, &out, aad.first, static_cast<int>(aad.first_size)) != 1)
        return false;
    if (aad.second_size &&
        EVP_CipherUpdate(ctx_.get(), nullptr, &out, aad.second, static_cast<int>(aad.second_size)) != 1)
        return false;
    return true;
}

bool SrtpAesGcm::seal(const uint8_t *iv, const Aad &aad, uint8_t *data, size_t length, uint8_t *tag) {
    if (!encrypt_ || length > INT_MAX || !start(iv, aad)) return false;
    int out = 0;
    if (length && EVP_CipherUpdate(ctx_.get(), data, &out, data, static_cast<int>(length)) != 1) return false;
    int last = 0;
    if (EVP_CipherFinal_ex(ctx_.get(), data + out, &last) != 1) return false;
    return EVP_CIPHER_CTX_ctrl(ctx_.get(), EVP_CTRL_AEAD_GET_TAG, static_cast<int>(kTagSize), tag) == 1;
}

bool SrtpAesGcm::open(const uint8_t *iv, const Aad &aad, uint8_t *data, size_t length, const uint8_t *tag) {
    if (encrypt_ || length > INT_MAX || !start(iv, aad)) return false;
    int out = 0;
    if (length && EVP_CipherUpdate(ctx_.get(), data, &out, data, static_cast<int>(length)) != 1) return false;
    // OpenSSL copies the expected tag and compares it in constant time in Final.
    if (EVP_CIPHER_CTX_ctrl(ctx_.get(), EVP_CTRL_AEAD_SET_TAG, static_cast<int>(kTagSize),
                            const_cast<uint8_t *>(tag)) != 1)
        return false;
    int last = 0;
    return EVP_CipherFinal_ex(ctx_.get(), data + out, &last) == 1;
}

} // namespace portunus::net
