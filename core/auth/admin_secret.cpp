#include "auth/admin_secret.hpp"

#include <openssl/crypto.h>
#include <openssl/sha.h>

namespace portunus::auth {

bool secretMatches(std::string_view given, std::string_view expected) {
    // Compare digests: equal length whatever was given, then a constant-time compare.
    unsigned char a[SHA256_DIGEST_LENGTH], b[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char *>(given.data()), given.size(), a);
    SHA256(reinterpret_cast<const unsigned char *>(expected.data()), expected.size(), b);
    return !expected.empty() && CRYPTO_memcmp(a, b, sizeof a) == 0;
}

} // namespace portunus::auth
