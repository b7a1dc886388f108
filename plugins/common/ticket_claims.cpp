#include "ticket_claims.hpp"

#include <rapidjson/document.h>

#include <algorithm>

namespace portunus::plugins {

namespace {

std::string stringMember(const rapidjson::Value &object, const char *name) {
    auto it = object.FindMember(name);
    if (it == object.MemberEnd() || !it->value.IsString()) return {};
    return {it->value.GetString(), it->value.GetStringLength()};
}

} // namespace

bool TicketClaims::allows(std::string_view permission) const {
    return std::find(permissions.begin(), permissions.end(), permission) != permissions.end();
}

std::optional<TicketClaims> parseTicketClaims(std::string_view json) {
    if (json.empty()) return std::nullopt;
    TicketClaims claims;
    rapidjson::Document d;
    d.Parse(json.data(), json.size());
    if (d.HasParseError() || !d.IsObject()) return claims;
    claims.channel_id = stringMember(d, "channel_id");
    claims.user_uid = stringMember(d, "user_uid");
    auto it = d.FindMember("permissions");
    if (it != d.MemberEnd() && it->value.IsArray())
        for (const auto &p : it->value.GetArray())
            if (p.IsString()) claims.permissions.emplace_back(p.GetString(), p.GetStringLength());
    return claims;
}

} // namespace portunus::plugins
