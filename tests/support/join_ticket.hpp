// Join tickets for tests of a server in auth.mode "ticket": the config that
// turns tickets on, and tickets signed as an integrator's backend would.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace portunus::test {

inline constexpr const char *kTicketSecret = "join-ticket-secret-for-tests-0123456789";
inline constexpr const char *kTicketServerId = "portunus-test";

// {"auth": {"mode": "ticket", ...}} with the secret and server id above, to
// deep-merge into the default config.
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

} // namespace portunus::test
