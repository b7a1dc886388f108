#include "auth/turn_credentials.hpp"

#include "auth/jwt.hpp"

namespace portunus::auth {

TurnCredential turnCredential(std::string_view secret, std::string_view user, int64_t now, unsigned ttl_s) {
    TurnCredential c;
    c.expires_at = now + ttl_s;
    c.username = std::to_string(c.expires_at) + ":" + std::string(user);
    c.credential = base64Encode(hmacSha1(secret, c.username));
    return c;
}

} // namespace portunus::auth
