// Join tickets: short-lived, single-use HS256 JWTs whose claims say who may
// join which channel and what they may do there (server_id, channel_id,
// user_uid, device_id, permissions, exp, jti). With auth.mode "ticket" every
// attach must present one; the claims then ride on the handle for plugins.
#pragma once

#include "auth/moderation.hpp"
#include "auth/used_tickets.hpp"
#include "config/core_config.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace portunus::auth {

struct TicketClaims {
    std::string channel_id;
    std::string user_uid;
    std::string device_id;
    std::vector<std::string> permissions;
};

class JoinTickets {
public:
    JoinTickets(const config::CoreConfig &config, Moderation &moderation) : config_(config), moderation_(moderation) {}
    // Opens the used-ticket store when tickets are required.
    bool start(const Storage &storage, std::string &error);
    bool required() const { return config_.auth.mode == config::AuthMode::ticket; }

    // Checks signature, form, expiry, audience, single use and bans at `now`
    // (Unix seconds); returns the claims as JSON object text, or throws
    // api::ApiError with the refusal's own code (ticket_missing … banned).
    std::string admit(const std::optional<std::string> &ticket, int64_t now);
    // A ticket for `claims`, good from `now` for auth.ticket_ttl_s (the
    // longest lifetime admit() accepts), with a fresh jti. Moderation first:
    // a banned user (486) or a locked channel (487, unless the user may
    // "moderate") gets none; a timed-out user's ticket cannot publish.
    std::string mint(TicketClaims claims, int64_t now) const;

private:
    const config::CoreConfig &config_;
    Moderation &moderation_;
    UsedTickets used_;
};

} // namespace portunus::auth
