// HMAC-SHA1 (RFC 2104) for SRTP/SRTCP authentication, without allocating.
//
// OpenSSL 3.0's EVP digest and EVP_MAC contexts allocate on every re-init or
// copy (the provider duplicates its state), so per packet they would cost two
// mallocs. Instead the keyed inner and outer SHA-1 states are computed once
// with libcrypto's SHA1_* block functions (the same assembly EVP uses) and
// each MAC starts from plain struct copies of them.
#pragma once

#include <openssl/sha.h>

#include <cstddef>
#include <cstdint>

namespace portunus::net {

class SrtpHmacSha1 {
public:
    static constexpr size_t kDigestSize = 20;
    static constexpr size_t kMaxKeySize = 64; // one SHA-1 block; SRTP keys are 20 bytes

    SrtpHmacSha1() = default;
    ~SrtpHmacSha1();
    SrtpHmacSha1(const SrtpHmacSha1 &) = delete;
    SrtpHmacSha1 &operator=(const SrtpHmacSha1 &) = delete;

    bool init(const uint8_t *key, size_t key_size);

    // HMAC(key, first || second) into out[0, kDigestSize).
    void compute(const uint8_t *first, size_t first_size, const uint8_t *second, size_t second_size,
                 uint8_t *out) const;

private:
    SHA_CTX inner_{};
    SHA_CTX outer_{};
};

} // namespace portunus::net
