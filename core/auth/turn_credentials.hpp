// Ephemeral TURN credentials in the TURN REST form coturn's use-auth-secret
// checks: username "<expiry>:<user>", credential
// base64(HMAC-SHA1(secret, username)); the server refuses them after expiry.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace portunus::auth {

struct TurnCredential {
    std::string username;
    std::string credential;
    int64_t expires_at = 0; // Unix seconds
};

TurnCredential turnCredential(std::string_view secret, std::string_view user, int64_t now, unsigned ttl_s);

} // namespace portunus::auth
