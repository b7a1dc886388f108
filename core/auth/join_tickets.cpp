#include "auth/join_tickets.hpp"

#include "api/api_error.hpp"
#include "api/json.hpp"
#include "auth/jwt.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <openssl/rand.h>
#include <rapidjson/document.h>

namespace portunus::auth {

using api::ApiError;
using api::ErrorCode;

namespace {

bool isString(const rapidjson::Value &claims, const char *name) {
    auto it = claims.FindMember(name);
    return it != claims.MemberEnd() && it->value.IsString() && it->value.GetStringLength() > 0;
}

bool isStringList(const rapidjson::Value &claims, const char *name) {
    auto it = claims.FindMember(name);
    if (it == claims.MemberEnd() || !it->value.IsArray()) return false;
    for (const auto &v : it->value.GetArray())
        if (!v.IsString()) return false;
    return true;
}

std::string freshJti() {
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no randomness for a ticket id");
    return base64UrlEncode(std::string_view(reinterpret_cast<const char *>(bytes), sizeof bytes));
}

} // namespace

bool JoinTickets::start(const Storage &storage, std::string &error) {
    return !required() || used_.start(storage, error);
}

std::string JoinTickets::admit(const std::optional<std::string> &ticket, int64_t now) {
    if (!ticket || ticket->empty()) throw ApiError(ErrorCode::ticket_missing, "A join ticket is required");
    std::string payload;
    switch (verifyJwt(*ticket, config_.auth.ticket_secret, payload)) {
    case JwtStatus::malformed: throw ApiError(ErrorCode::ticket_invalid, "The join ticket is not an HS256 JWT");
    case JwtStatus::bad_signature: throw ApiError(ErrorCode::ticket_bad_signature, "The join ticket's signature is wrong");
    case JwtStatus::ok: break;
    }
    rapidjson::Document claims;
    claims.Parse(payload.data(), payload.size());
    if (claims.HasParseError() || !claims.IsObject() || !isString(claims, "server_id") ||
        !isString(claims, "channel_id") || !isString(claims, "user_uid") || !isString(claims, "jti") ||
        !isStringList(claims, "permissions") || !claims.HasMember("exp") || !claims["exp"].IsInt64())
        throw ApiError(ErrorCode::ticket_invalid,
                       "The join ticket lacks a claim (server_id, channel_id, user_uid, permissions, exp, jti)");
    if (claims.HasMember("device_id") && !claims["device_id"].IsString())
        throw ApiError(ErrorCode::ticket_invalid, "The join ticket's device_id is not a string");
    int64_t exp = claims["exp"].GetInt64();
    if (exp <= now) throw ApiError(ErrorCode::ticket_expired, "The join ticket has expired");
    // A ticket living longer than tickets may is refused: it is not short-lived.
    if (exp > now + static_cast<int64_t>(config_.auth.ticket_ttl_s))
        throw ApiError(ErrorCode::ticket_invalid,
                       fmt::format("The join ticket lives longer than {} s", config_.auth.ticket_ttl_s));
    if (claims["server_id"].GetString() != config_.auth.server_id)
        throw ApiError(ErrorCode::ticket_wrong_audience, "The join ticket is for another server");
    if (!used_.consume(claims["jti"].GetString(), exp, now))
        throw ApiError(ErrorCode::ticket_replayed, "The join ticket was used already");
    // A ban issued after the ticket was minted still stops it.
    if (moderation_.active(Moderation::Kind::ban, claims["channel_id"].GetString(), claims["user_uid"].GetString(), now))
        throw ApiError(ErrorCode::banned, "The user is banned from this channel");
    return payload;
}

std::string JoinTickets::mint(TicketClaims claims, int64_t now) const {
    using Kind = Moderation::Kind;
    if (moderation_.active(Kind::ban, claims.channel_id, claims.user_uid, now))
        throw ApiError(ErrorCode::banned, "The user is banned from this channel");
    auto has = [&](const char *p) { return std::find(claims.permissions.begin(), claims.permissions.end(), p) != claims.permissions.end(); };
    if (!has("moderate") && moderation_.active(Kind::lock, claims.channel_id, "", now))
        throw ApiError(ErrorCode::channel_locked, "The channel is locked");
    if (moderation_.active(Kind::timeout, claims.channel_id, claims.user_uid, now))
        std::erase_if(claims.permissions, [](const std::string &p) { return p == "speak" || p == "video" || p == "screenshare"; });
    rapidjson::Document d(rapidjson::kObjectType);
    auto &a = d.GetAllocator();
    d.AddMember("server_id", api::str(config_.auth.server_id, a), a);
    d.AddMember("channel_id", api::str(claims.channel_id, a), a);
    d.AddMember("user_uid", api::str(claims.user_uid, a), a);
    d.AddMember("device_id", api::str(claims.device_id, a), a);
    rapidjson::Value permissions(rapidjson::kArrayType);
    for (const auto &p : claims.permissions) permissions.PushBack(api::str(p, a), a);
    d.AddMember("permissions", permissions, a);
    d.AddMember("exp", now + static_cast<int64_t>(config_.auth.ticket_ttl_s), a);
    d.AddMember("jti", api::str(freshJti(), a), a);
    return signJwt(api::toJson(d), config_.auth.ticket_secret);
}

} // namespace portunus::auth
