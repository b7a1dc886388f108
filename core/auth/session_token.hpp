// The session token an integrator's backend gives its signed-in users: an
// HS256 JWT (auth.session_token_secret) naming the user and what they may do
// in which channels, exchanged for join tickets at the ticket endpoint:
//   {"sub": "<user_uid>", "device_id": "...", "exp": <Unix s>,
//    "channels": {"<channel_id>": ["speak", "video", ...], "*": [...]}}
// "*" stands for every channel not named.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portunus::auth {

struct SessionToken {
    std::string user_uid;
    std::string device_id;
    int64_t exp = 0;
    std::map<std::string, std::vector<std::string>> channels;

    // The permissions granted in `channel_id`, nullopt when the channel is not allowed.
    std::optional<std::vector<std::string>> permissionsIn(const std::string &channel_id) const;
};

// A verified, unexpired token, or nullopt with `error` saying why not (never
// the token itself).
std::optional<SessionToken> readSessionToken(std::string_view token, std::string_view secret, int64_t now,
                                             std::string &error);

} // namespace portunus::auth
