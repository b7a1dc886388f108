// A handle's join-ticket claims as the in-tree plugins read them
// (host->handle_claims): the channel, the user and the permissions the
// integrator's backend granted. One parser, so that every plugin reads the
// same ticket the same way.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portunus::plugins {

struct TicketClaims {
    std::string channel_id;
    std::string user_uid;
    std::vector<std::string> permissions;
    bool allows(std::string_view permission) const;
};

// nullopt when the handle has no claims (empty text). Claims that do not
// parse give empty TicketClaims: no channel, no user, nothing allowed.
std::optional<TicketClaims> parseTicketClaims(std::string_view json);

} // namespace portunus::plugins
