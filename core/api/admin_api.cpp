#include "api/admin_api.hpp"

#include "api/ice_servers.hpp"
#include "api/json.hpp"
#include "api/request.hpp"
#include "api/plugin_answer.hpp"
#include "api/server_info.hpp"
#include "auth/admin_secret.hpp"
#include "auth/join_tickets.hpp"
#include "observe/metrics.hpp"
#include "loop/loop_pool.hpp"
#include "observe/log.hpp"
#include "plugins/plugin_registry.hpp"
#include "plugins/reply.hpp"
#include "session/session_manager.hpp"

#include <fmt/format.h>

namespace portunus {

using api::ApiError;
using api::ErrorCode;

namespace {

int64_t ageSeconds(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - t).count();
}

// Janus's numeric levels (0 none … 7 dbg) or our names.
log::Level levelFrom(const rapidjson::Value &v) {
    if (v.IsString()) {
        log::Level l;
        if (log::parseLevel(v.GetString(), l)) return l;
        throw ApiError(ErrorCode::invalid_element_type, "Invalid element (level should be trace, debug, info, warn or error)");
    }
    if (v.IsUint() && v.GetUint() <= 7) {
        static constexpr log::Level kJanus[] = {log::Level::off, log::Level::error, log::Level::error, log::Level::warn,
                                                log::Level::info, log::Level::debug, log::Level::debug, log::Level::trace};
        return kJanus[v.GetUint()];
    }
    throw ApiError(ErrorCode::invalid_element_type, "Invalid element (level should be a name or 0-7)");
}

} // namespace

std::string AdminApi::handle(std::string_view body, const AdminRequestContext &rc) {
    Request r;
    try {
        api::readEnvelope(body, r);
        auto secret = r.doc.FindMember("admin_secret");
        if (secret == r.doc.MemberEnd() || !secret->value.IsString() ||
            !auth::secretMatches({secret->value.GetString(), secret->value.GetStringLength()}, ctx_.config.admin.secret)) {
            PLOG_WARN("admin-api", {}, "'{}' from {} refused: wrong or missing admin_secret", r.kind, rc.remote);
            throw ApiError(ErrorCode::unauthorized, "Unauthorized request (wrong or missing secret/token)");
        }
        // Only now: an unauthenticated caller learns nothing about the other fields.
        api::readIds(r, rc.path_session, rc.path_handle);
        r.out = api::reply("success", r.transaction);
        PLOG_DEBUG("admin-api", {r.session_id, r.handle_id}, "{} from {}", r.kind, rc.remote);
        return dispatch(r);
    } catch (const ApiError &e) {
        return api::errorReply(r.transaction, 0, e.code(), e.what());
    } catch (const std::exception &e) {
        PLOG_ERROR("admin-api", {}, "{} failed: {}", r.kind, e.what());
        return api::errorReply(r.transaction, 0, static_cast<int>(ErrorCode::unknown), e.what());
    }
}

std::string AdminApi::dispatch(Request &r) {
    auto &a = r.out.GetAllocator();
    if (r.kind == "info") return api::toJson(api::serverInfo(ctx_, r.transaction));
    if (r.kind == "ping") return api::toJson(api::reply("pong", r.transaction));
    if (r.kind == "get_status") return status(r);
    if (r.kind == "list_plugins") return listPlugins(r);
    if (r.kind == "set_log_level") return setLogLevel(r);
    if (r.kind == "message_plugin") return messagePlugin(r);
    if (r.kind == "mint_join_ticket") return mintJoinTicket(r);
    if (r.kind == "moderate") return moderate(r);
    if (r.kind == "list_sessions") {
        rapidjson::Value ids(rapidjson::kArrayType);
        for (auto &s : ctx_.sessions.all()) ids.PushBack(s->id(), a);
        r.out.AddMember("sessions", ids, a);
        return api::toJson(r.out);
    }
    if (r.kind != "list_handles" && r.kind != "handle_info" && r.kind != "destroy_session")
        throw ApiError(ErrorCode::unknown_request, fmt::format("Unknown request '{}'", r.kind));
    if (!r.session_id) throw ApiError(ErrorCode::missing_mandatory_element, "Missing mandatory element (session_id)");
    auto session = ctx_.sessions.find(r.session_id);
    if (!session) throw ApiError(ErrorCode::session_not_found, fmt::format("No such session {}", r.session_id));
    if (r.kind == "destroy_session") {
        PLOG_INFO("admin-api", {r.session_id}, "destroying session on admin request");
        ctx_.sessions.destroy(*session, true);
        return api::toJson(r.out);
    }
    if (r.kind == "list_handles") {
        rapidjson::Value ids(rapidjson::kArrayType);
        for (auto &h : session->handles()) ids.PushBack(h->id(), a);
        r.out.AddMember("session_id", r.session_id, a);
        r.out.AddMember("handles", ids, a);
        return api::toJson(r.out);
    }
    return handleInfo(r);
}

std::string AdminApi::handleInfo(Request &r) {
    if (!r.handle_id) throw ApiError(ErrorCode::missing_mandatory_element, "Missing mandatory element (handle_id)");
    auto session = ctx_.sessions.find(r.session_id);
    auto handle = session ? session->handle(r.handle_id) : nullptr;
    if (!handle) throw ApiError(ErrorCode::handle_not_found, fmt::format("No such handle {} in session {}", r.handle_id, r.session_id));
    auto &a = r.out.GetAllocator();
    rapidjson::Value info(rapidjson::kObjectType);
    info.AddMember("session_id", r.session_id, a);
    info.AddMember("session_last_activity_s", ageSeconds(session->lastActivity()), a);
    info.AddMember("session_queued_events", static_cast<uint64_t>(session->queuedEvents()), a);
    info.AddMember("handle_id", r.handle_id, a);
    info.AddMember("opaque_id", api::str(handle->opaqueId(), a), a);
    info.AddMember("plugin", api::str(handle->plugin().package, a), a);
    info.AddMember("attached_as", api::str(handle->pluginName(), a), a);
    info.AddMember("loop", handle->loop().index(), a);
    if (handle->plugin().query_session) {
        portunus_reply reply;
        handle->callPlugin([&] { handle->plugin().query_session(handle->raw(), &reply); });
        rapidjson::Document specific;
        specific.Parse(reply.text.data(), reply.text.size());
        if (reply.answered && !reply.is_error && !specific.HasParseError() && specific.IsObject())
            info.AddMember("plugin_specific", rapidjson::Value(specific, a), a);
    }
    rapidjson::Value webrtc(rapidjson::kObjectType);
    if (auto pc = handle->existingPeer()) {
        rapidjson::Document d;
        d.Parse(pc->describe());
        if (d.IsObject()) webrtc.CopyFrom(d, a);
    }
    info.AddMember("webrtc", webrtc, a);
    r.out.AddMember("session_id", r.session_id, a);
    r.out.AddMember("handle_id", r.handle_id, a);
    r.out.AddMember("info", info, a);
    return api::toJson(r.out);
}

std::string AdminApi::status(Request &r) {
    auto &a = r.out.GetAllocator();
    rapidjson::Value s(rapidjson::kObjectType);
    s.AddMember("session_timeout", ctx_.config.session_timeout_s, a);
    s.AddMember("log_level", api::str(log::levelName(log::level()), a), a);
    s.AddMember("loop_threads", static_cast<uint64_t>(ctx_.loops.size()), a);
    s.AddMember("sessions", static_cast<uint64_t>(ctx_.sessions.count()), a);
    s.AddMember("uptime_s",
                std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now() - ctx_.started).count(), a);
    r.out.AddMember("status", s, a);
    return api::toJson(r.out);
}

std::string AdminApi::listPlugins(Request &r) {
    auto &a = r.out.GetAllocator();
    rapidjson::Value list(rapidjson::kArrayType);
    for (const auto &e : ctx_.plugins.entries()) {
        rapidjson::Value p(rapidjson::kObjectType);
        p.AddMember("name", api::str(e->name, a), a);
        p.AddMember("file", api::str(e->path, a), a);
        p.AddMember("enabled", e->enabled, a);
        p.AddMember("running", e->running, a);
        if (const portunus_plugin *t = e->library && e->library->ok() ? e->library->table() : nullptr) {
            p.AddMember("package", api::str(t->package, a), a);
            p.AddMember("version", t->version, a);
            p.AddMember("version_string", api::str(t->version_string ? t->version_string : "", a), a);
            p.AddMember("api_version", t->api_version, a);
        }
        if (!e->error.empty()) p.AddMember("error", api::str(e->error, a), a);
        list.PushBack(p, a);
    }
    r.out.AddMember("plugins", list, a);
    return api::toJson(r.out);
}

std::string AdminApi::setLogLevel(Request &r) {
    auto it = r.doc.FindMember("level");
    if (it == r.doc.MemberEnd()) throw ApiError(ErrorCode::missing_mandatory_element, "Missing mandatory element (level)");
    log::Level level = levelFrom(it->value);
    log::setLevel(level);
    PLOG_WARN("admin-api", {}, "log level set to {}", log::levelName(level));
    r.out.AddMember("level", api::str(log::levelName(level), r.out.GetAllocator()), r.out.GetAllocator());
    return api::toJson(r.out);
}

std::string AdminApi::messagePlugin(Request &r) {
    std::string name = api::requireString(r.doc, "plugin");
    const rapidjson::Value &request = api::requireObject(r.doc, "request");
    const PluginEntry *plugin = ctx_.plugins.find(name);
    if (!plugin) throw ApiError(ErrorCode::plugin_not_found, fmt::format("No such plugin '{}'", name));
    const portunus_plugin &t = *plugin->table();
    if (!t.handle_admin_message) throw ApiError(ErrorCode::plugin_message, fmt::format("Plugin '{}' has no admin requests", name));
    std::string text = api::toJson(request);
    portunus_reply reply;
    portunus_result result = t.handle_admin_message(text.data(), text.size(), &reply);
    rapidjson::Document response = api::pluginAnswer(result, reply);
    auto &a = r.out.GetAllocator();
    r.out.AddMember("response", rapidjson::Value(response, a), a);
    return api::toJson(r.out);
}

} // namespace portunus

namespace portunus {

// A join ticket for any user and channel: the integrator's backend may mint
// here instead of signing tickets itself.
std::string AdminApi::mintJoinTicket(Request &r) {
    auto &a = r.out.GetAllocator();
    if (ctx_.config.auth.ticket_secret.empty())
        throw ApiError(ErrorCode::unknown, "Join tickets are off (auth.ticket_secret is not set)");
    auth::TicketClaims claims;
    claims.channel_id = api::requireString(r.doc, "channel_id");
    claims.user_uid = api::requireString(r.doc, "user_uid");
    claims.device_id = api::optionalString(r.doc, "device_id").value_or("");
    auto permissions = r.doc.FindMember("permissions");
    if (permissions != r.doc.MemberEnd()) {
        if (!permissions->value.IsArray())
            throw ApiError(ErrorCode::invalid_element_type, "Invalid element type (permissions should be an array)");
        for (const auto &p : permissions->value.GetArray()) {
            if (!p.IsString()) throw ApiError(ErrorCode::invalid_element_type, "Invalid element type (a permission should be a string)");
            claims.permissions.emplace_back(p.GetString());
        }
    }
    if (claims.channel_id.empty() || claims.user_uid.empty())
        throw ApiError(ErrorCode::invalid_element_type, "Invalid element (channel_id and user_uid must not be empty)");
    int64_t now = api::unixNow();
    r.out.AddMember("ticket", api::str(ctx_.tickets.mint(claims, now), a), a);
    ctx_.metrics.ticketIssued();
    r.out.AddMember("expires_at", now + static_cast<int64_t>(ctx_.config.auth.ticket_ttl_s), a);
    r.out.AddMember("ice_servers", api::iceServers(ctx_.config, claims.user_uid, now, true, a), a);
    PLOG_INFO("admin-api", {}, "join ticket minted for user {} in channel {}", claims.user_uid, claims.channel_id);
    return api::toJson(r.out);
}

} // namespace portunus
