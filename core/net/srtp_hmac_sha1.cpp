// SHA1_Init/Update/Final are deprecated in OpenSSL 3 in favour of EVP, whose
// contexts allocate per use (see the header); they remain part of libcrypto 3.
#define OPENSSL_SUPPRESS_DEPRECATED

#include "net/srtp_hmac_sha1.hpp"

#include <openssl/crypto.h>

namespace portunus::net {

SrtpHmacSha1::~SrtpHmacSha1() {
    OPENSSL_cleanse(&inner_, sizeof inner_);
    OPENSSL_cleanse(&outer_, sizeof outer_);
}

bool SrtpHmacSha1::init(const uint8_t *key, size_t key_size) {
    if (key_size > kMaxKeySize) return false;
    uint8_t pad[SHA_CBLOCK];
    static_assert(SHA_CBLOCK == kMaxKeySize);
    for (size_t i = 0; i < sizeof pad; ++i) pad[i] = static_cast<uint8_t>((i < key_size ? key[i] : 0) ^ 0x36);
    bool ok = SHA1_Init(&inner_) == 1 && SHA1_Update(&inner_, pad, sizeof pad) == 1;
    for (size_t i = 0; i < sizeof pad; ++i) pad[i] = static_cast<uint8_t>((i < key_size ? key[i] : 0) ^ 0x5c);
    ok = ok && SHA1_Init(&outer_) == 1 && SHA1_Update(&outer_, pad, sizeof pad) == 1;
    OPENSSL_cleanse(pad, sizeof pad);
    return ok;
}

void SrtpHmacSha1::compute(const uint8_t *first, size_t first_size, const uint8_t *second, size_t second_size,
                           uint8_t *out) const {
    uint8_t inner_digest[SHA_DIGEST_LENGTH];
    SHA_CTX ctx = inner_;
    SHA1_Update(&ctx, first, first_size);
    if (second_size) SHA1_Update(&ctx, second, second_size);
    SHA1_Final(inner_digest, &ctx);
    ctx = outer_;
    SHA1_Update(&ctx, inner_digest, sizeof inner_digest);
    SHA1_Final(out, &ctx);
    OPENSSL_cleanse(inner_digest, sizeof inner_digest);
}

} // namespace portunus::net
