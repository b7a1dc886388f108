#include "auth/session_token.hpp"

#include "auth/jwt.hpp"

#include <rapidjson/document.h>

namespace portunus::auth {

std::optional<std::vector<std::string>> SessionToken::permissionsIn(const std::string &channel_id) const {
    auto it = channels.find(channel_id);
    if (it == channels.end()) it = channels.find("*");
    if (it == channels.end()) return std::nullopt;
    return it->second;
}

std::optional<SessionToken> readSessionToken(std::string_view token, std::string_view secret, int64_t now,
                                             std::string &error) {
    std::string payload;
    switch (verifyJwt(token, secret, payload)) {
    case JwtStatus::malformed: error = "the session token is not an HS256 JWT"; return std::nullopt;
    case JwtStatus::bad_signature: error = "the session token's signature is wrong"; return std::nullopt;
    case JwtStatus::ok: break;
    }
    rapidjson::Document d;
    d.Parse(payload.data(), payload.size());
    auto has = [&](const char *name, auto check) {
        auto it = d.FindMember(name);
        return it != d.MemberEnd() && check(it->value);
    };
    if (d.HasParseError() || !d.IsObject() || !has("sub", [](auto &v) { return v.IsString() && v.GetStringLength() > 0; }) ||
        !has("exp", [](auto &v) { return v.IsInt64(); }) || !has("channels", [](auto &v) { return v.IsObject(); })) {
        error = "the session token lacks sub, exp or channels";
        return std::nullopt;
    }
    SessionToken t;
    t.user_uid = d["sub"].GetString();
    t.exp = d["exp"].GetInt64();
    if (t.exp <= now) {
        error = "the session token has expired";
        return std::nullopt;
    }
    if (d.HasMember("device_id") && d["device_id"].IsString()) t.device_id = d["device_id"].GetString();
    for (const auto &channel : d["channels"].GetObject()) {
        if (!channel.value.IsArray()) {
            error = "the session token's channels must map to permission lists";
            return std::nullopt;
        }
        auto &list = t.channels[channel.name.GetString()];
        for (const auto &p : channel.value.GetArray())
            if (p.IsString()) list.emplace_back(p.GetString());
    }
    return t;
}

} // namespace portunus::auth
