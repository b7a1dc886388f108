// AES-128 in counter mode as SRTP uses it (RFC 3711 §4.1.1): the 16-byte IV is
// the starting counter block, the keystream is XORed into the data in place.
// One OpenSSL context, keyed once; apply() only resets the IV, so it
// allocates nothing.
#pragma once

#include <openssl/types.h>

#include <cstddef>
#include <cstdint>
#include <memory>

namespace portunus::net {

class SrtpAesCm {
public:
    static constexpr size_t kKeySize = 16;
    static constexpr size_t kIvSize = 16;

    // False if OpenSSL cannot create or key the context.
    bool init(const uint8_t *key);
    bool ready() const { return ctx_ != nullptr; }

    // XORs the keystream starting at counter block `iv` into data[0, length).
    bool apply(const uint8_t *iv, uint8_t *data, size_t length);

private:
    struct Free {
        void operator()(EVP_CIPHER_CTX *c) const;
    };
    std::unique_ptr<EVP_CIPHER_CTX, Free> ctx_;
};

} // namespace portunus::net
