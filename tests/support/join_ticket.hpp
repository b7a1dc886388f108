// Join tickets for tests of a server in auth.mode "ticket": the config that
// turns tickets on, and tickets signed as an integrator's backend would.
#pragma once

#include "support/http_client.hpp"
#include "support/json.hpp"
#include "support/server_process.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace portunus::test {

inline constexpr const char *kTicketSecret = "join-ticket-secret-for-tests-0123456789";
inline constexpr const char *kTicketServerId = "portunus-test";
inline constexpr const char *kSessionTokenSecret = "session-token-secret-for-tests-0123456789";

// The "auth" object of a server in ticket mode with the secrets and server id
// above (the join-ticket endpoint on); `extra`: more members as JSON text, e.g.
// R"("mint_per_minute_user": 2)".
std::string ticketAuthObject(const std::string &extra = "");
// {"auth": ticketAuthObject()}, to deep-merge into the default config.
std::string ticketAuthConfig();

struct TicketFields {
    std::string server_id = kTicketServerId;
    std::string channel_id = "1234";
    std::string user_uid = "ann";
    std::string device_id = "laptop";
    std::vector<std::string> permissions = {"speak", "video", "screenshare", "chat"};
    int64_t expires_in_s = 30; // from now; negative = already expired
    std::string jti;           // "" = a fresh one
    std::string secret = kTicketSecret;
};

// An HS256 JWT with the fields' claims.
std::string makeTicket(const TicketFields &fields = {});

// An integrator's session token for `user`: `channels_json` maps channel ids
// to permission lists, e.g. R"({"1234": ["speak"]})".
std::string makeSessionToken(const std::string &user, const std::string &channels_json, int64_t expires_in_s = 300,
                             const std::string &secret = kSessionTokenSecret);

// POST /v1/rtc/channels/{channel}/join-ticket with the session token as
// bearer ("" = no Authorization header), from `source` ("" = any address).
// The admin API's "moderate" request (action, channel, user "" for a lock,
// duration_s 0 = forever); returns the admin reply.
Json moderate(const ServerProcess &server, const std::string &channel_id, const std::string &action,
              const std::string &user_uid = "", uint64_t duration_s = 0);

HttpResult requestJoinTicket(const ServerProcess &server, const std::string &channel, const std::string &session_token,
                             const std::string &source = "");

} // namespace portunus::test
