#include "api/rtc_api.hpp"

#include "api/ice_servers.hpp"
#include "api/json.hpp"
#include "api/request_limits.hpp"
#include "auth/join_tickets.hpp"
#include "observe/metrics.hpp"
#include "observe/log.hpp"
#include "plugins/plugin_registry.hpp"
#include "version.hpp"

#include <fmt/format.h>

namespace portunus {

namespace http = boost::beast::http;

namespace {

constexpr std::string_view kCapabilitiesPath = "/client/capabilities";
constexpr std::string_view kChannelsPrefix = "/v1/rtc/channels/";
constexpr std::string_view kJoinTicketSuffix = "/join-ticket";

HttpResponse jsonResponse(const HttpRequest &request, http::status status, const rapidjson::Value &body) {
    auto res = makeResponse(request, status, "application/json", api::toJson(body));
    res.set(http::field::cache_control, "no-store"); // tickets and TURN credentials must not be cached
    return res;
}

HttpResponse errorResponse(const HttpRequest &request, http::status status, api::ErrorCode code, std::string_view reason) {
    rapidjson::Document d(rapidjson::kObjectType);
    auto &a = d.GetAllocator();
    rapidjson::Value error(rapidjson::kObjectType);
    error.AddMember("code", static_cast<int>(code), a);
    error.AddMember("reason", api::str(reason, a), a);
    d.AddMember("error", error, a);
    return jsonResponse(request, status, d);
}

bool validChannelId(std::string_view id) {
    if (id.empty() || id.size() > 128) return false;
    for (char c : id)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
    return true;
}

rapidjson::Value stringList(std::initializer_list<const char *> items, api::Allocator &a) {
    rapidjson::Value list(rapidjson::kArrayType);
    for (const char *i : items) list.PushBack(rapidjson::StringRef(i), a);
    return list;
}

} // namespace

RtcApi::RtcApi(ApiContext &ctx)
    : ctx_(ctx), per_user_(ctx.config.auth.mint_per_minute_user, ctx.config.auth.mint_per_minute_user),
      per_ip_(ctx.config.auth.mint_per_minute_ip, ctx.config.auth.mint_per_minute_ip) {}

std::optional<HttpResponse> RtcApi::handle(const HttpRequest &request, const std::string &remote) {
    std::string_view target = request.target();
    target = target.substr(0, target.find('?'));
    if (target == kCapabilitiesPath) {
        if (request.method() != http::verb::get)
            return errorResponse(request, http::status::method_not_allowed, api::ErrorCode::transport_specific, "Use GET");
        return capabilities(request);
    }
    if (target.rfind(kChannelsPrefix, 0) != 0 || target.size() <= kChannelsPrefix.size() + kJoinTicketSuffix.size() ||
        target.substr(target.size() - kJoinTicketSuffix.size()) != kJoinTicketSuffix)
        return std::nullopt;
    std::string channel(target.substr(kChannelsPrefix.size(),
                                      target.size() - kChannelsPrefix.size() - kJoinTicketSuffix.size()));
    if (request.method() != http::verb::post)
        return errorResponse(request, http::status::method_not_allowed, api::ErrorCode::transport_specific, "Use POST");
    if (!validChannelId(channel))
        return errorResponse(request, http::status::bad_request, api::ErrorCode::invalid_request_path, "Invalid channel id");
    return joinTicket(request, channel, remote);
}

std::optional<auth::SessionToken> RtcApi::bearer(const HttpRequest &request, std::string &error) const {
    auto header = request.find(http::field::authorization);
    constexpr std::string_view kScheme = "Bearer ";
    if (header == request.end() || header->value().substr(0, kScheme.size()) != kScheme) {
        error = "an Authorization: Bearer <session token> header is required";
        return std::nullopt;
    }
    return auth::readSessionToken(header->value().substr(kScheme.size()), ctx_.config.auth.session_token_secret,
                                  api::unixNow(), error);
}

HttpResponse RtcApi::capabilities(const HttpRequest &request) {
    const auto &cfg = ctx_.config;
    // Relay credentials go to a signed-in user, or to anyone when the server is open.
    std::string error;
    std::optional<auth::SessionToken> user;
    if (!cfg.auth.session_token_secret.empty() && request.find(http::field::authorization) != request.end())
        user = bearer(request, error);
    bool with_turn = user || cfg.auth.mode == config::AuthMode::none;

    rapidjson::Document d(rapidjson::kObjectType);
    auto &a = d.GetAllocator();
    rapidjson::Value rtc(rapidjson::kObjectType);
    rtc.AddMember("protocol", "janus", a);
    rtc.AddMember("protocol_version", 1, a);
    rtc.AddMember("server", api::str(cfg.server_name, a), a);
    rtc.AddMember("server_version", rapidjson::StringRef(kVersion), a);
    rapidjson::Value signaling(rapidjson::kObjectType);
    if (!cfg.rtc.signaling_url.empty()) signaling.AddMember("url", api::str(cfg.rtc.signaling_url, a), a);
    signaling.AddMember("transports", stringList({"websocket", "http"}, a), a);
    signaling.AddMember("websocket_subprotocol", "janus-protocol", a);
    signaling.AddMember("http_path", api::str(cfg.client.http.base_path, a), a);
    rtc.AddMember("signaling", signaling, a);
    rapidjson::Value topologies(rapidjson::kArrayType);
    if (ctx_.plugins.find("portunus.plugin.sfu")) topologies.PushBack("sfu", a);
    if (ctx_.plugins.find("janus.plugin.echotest")) topologies.PushBack("loopback", a);
    rtc.AddMember("topologies", topologies, a);
    rapidjson::Value features(rapidjson::kObjectType);
    for (const char *f : {"voice", "video", "screenshare", "simulcast", "svc", "data_channels", "trickle_ice"})
        features.AddMember(rapidjson::StringRef(f), true, a);
    features.AddMember("chat", ctx_.plugins.find("portunus.plugin.chat") != nullptr, a);
    features.AddMember("presence", ctx_.plugins.find("portunus.plugin.presence") != nullptr, a);
    rtc.AddMember("features", features, a);
    rtc.AddMember("ice_servers", api::iceServers(cfg, user ? user->user_uid : "anonymous", api::unixNow(), with_turn, a), a);
    rapidjson::Value auth(rapidjson::kObjectType);
    auth.AddMember("mode", rapidjson::StringRef(cfg.auth.mode == config::AuthMode::ticket ? "ticket" : "none"), a);
    if (!cfg.auth.session_token_secret.empty())
        auth.AddMember("join_ticket_url", "/v1/rtc/channels/{channel_id}/join-ticket", a);
    rtc.AddMember("auth", auth, a);
    rapidjson::Value policy(rapidjson::kObjectType);
    policy.AddMember("join_timeout_ms", cfg.rtc.join_timeout_s * 1000, a);
    policy.AddMember("answer_timeout_ms", cfg.rtc.answer_timeout_s * 1000, a);
    policy.AddMember("ice_restart", cfg.rtc.ice_restart, a);
    rapidjson::Value backoff(rapidjson::kArrayType);
    for (unsigned ms : cfg.rtc.reconnect_backoff_ms) backoff.PushBack(ms, a);
    policy.AddMember("reconnect_backoff_ms", backoff, a);
    policy.AddMember("session_timeout_ms", cfg.session_timeout_s * 1000, a);
    rtc.AddMember("connection_policy", policy, a);
    d.AddMember("rtc", rtc, a);
    return jsonResponse(request, http::status::ok, d);
}

HttpResponse RtcApi::joinTicket(const HttpRequest &request, const std::string &channel_id, const std::string &remote) {
    const auto &cfg = ctx_.config;
    if (cfg.auth.session_token_secret.empty())
        return errorResponse(request, http::status::not_found, api::ErrorCode::invalid_request_path,
                             "The join-ticket endpoint is off (auth.session_token_secret is not set)");
    std::string ip = addressOf(remote);
    if (!per_ip_.allow(ip)) {
        PLOG_WARN("auth", {}, "join ticket for {} refused: too many from this address", ip);
        return errorResponse(request, http::status::too_many_requests, api::ErrorCode::mint_rate_limited,
                             "Too many join tickets from this address");
    }
    std::string error;
    auto token = bearer(request, error);
    if (!token) {
        PLOG_INFO("auth", {}, "join ticket for {} refused: {}", ip, error);
        return errorResponse(request, http::status::unauthorized, api::ErrorCode::unauthorized, "Unauthorized: " + error);
    }
    auto permissions = token->permissionsIn(channel_id);
    if (!permissions)
        return errorResponse(request, http::status::forbidden, api::ErrorCode::unauthorized,
                             fmt::format("The session token does not allow channel {}", channel_id));
    if (!per_user_.allow(token->user_uid)) {
        PLOG_WARN("auth", {}, "join ticket for user {} refused: too many", token->user_uid);
        return errorResponse(request, http::status::too_many_requests, api::ErrorCode::mint_rate_limited,
                             "Too many join tickets for this user");
    }
    int64_t now = api::unixNow();
    auth::TicketClaims claims{channel_id, token->user_uid, token->device_id, *permissions};
    std::string ticket;
    try {
        ticket = ctx_.tickets.mint(claims, now);
    } catch (const api::ApiError &e) { // banned, or the channel is locked
        PLOG_INFO("auth", {}, "join ticket for user {} in channel {} refused: {}", token->user_uid, channel_id, e.what());
        return errorResponse(request, http::status::forbidden, static_cast<api::ErrorCode>(e.code()), e.what());
    }
    rapidjson::Document d(rapidjson::kObjectType);
    auto &a = d.GetAllocator();
    d.AddMember("ticket", api::str(ticket, a), a);
    ctx_.metrics.ticketIssued();
    d.AddMember("expires_at", now + static_cast<int64_t>(cfg.auth.ticket_ttl_s), a);
    d.AddMember("channel_id", api::str(channel_id, a), a);
    d.AddMember("ice_servers", api::iceServers(cfg, token->user_uid, now, true, a), a);
    PLOG_INFO("auth", {}, "join ticket minted for user {} in channel {}", token->user_uid, channel_id);
    return jsonResponse(request, http::status::ok, d);
}

} // namespace portunus
