// AES-128-GCM with a 12-byte IV and a 16-byte tag as SRTP uses it (RFC 7714),
// in place. One OpenSSL context per direction, keyed once; seal() and open()
// only reset the IV, so they allocate nothing.
#pragma once

#include <openssl/types.h>

#include <cstddef>
#include <cstdint>
#include <memory>

namespace portunus::net {

class SrtpAesGcm {
public:
    static constexpr size_t kKeySize = 16;
    static constexpr size_t kIvSize = 12;
    static constexpr size_t kTagSize = 16;

    // A context either encrypts (seal) or decrypts (open).
    bool init(const uint8_t *key, bool encrypt);
    bool ready() const { return ctx_ != nullptr; }

    // The additional authenticated data is aad1 || aad2 (either may be empty).
    struct Aad {
        const uint8_t *first = nullptr;
        size_t first_size = 0;
        const uint8_t *second = nullptr;
        size_t second_size = 0;
    };

    // Encrypts data[0, length) in place and writes the tag to `tag`.
    bool seal(const uint8_t *iv, const Aad &aad, uint8_t *data, size_t length, uint8_t *tag);
    // Decrypts data[0, length) in place; false when `tag` does not verify
    // (the data is then garbage and must be dropped).
    bool open(const uint8_t *iv, const Aad &aad, uint8_t *data, size_t length, const uint8_t *tag);

private:
    bool start(const uint8_t *iv, const Aad &aad);

    struct Free {
        void operator()(EVP_CIPHER_CTX *c) const;
    };
    std::unique_ptr<EVP_CIPHER_CTX, Free> ctx_;
    bool encrypt_ = true;
};

} // namespace portunus::net
