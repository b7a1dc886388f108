// The admin API's "moderate" request: ban/unban, kick, timeout/untimeout and
// lock/unlock in a channel. Bans, timeouts and locks are kept in sqlite
// (auth::Moderation) and shape the join tickets minted from then on; ban and
// kick also end now every session with a handle of that user in that channel,
// after every plugin has been told (moderation_event).
#include "api/admin_api.hpp"

#include "api/ice_servers.hpp"
#include "api/json.hpp"
#include "api/request.hpp"
#include "auth/moderation.hpp"
#include "observe/log.hpp"
#include "observe/metrics.hpp"
#include "plugins/plugin_registry.hpp"
#include "session/session_manager.hpp"

#include <fmt/format.h>

namespace portunus {

using api::ApiError;
using api::ErrorCode;

namespace {

// Whether a handle's claims name `user_uid` in `channel_id`.
bool claimsName(const std::string &claims_json, const std::string &channel_id, const std::string &user_uid) {
    if (claims_json.empty()) return false;
    rapidjson::Document claims;
    claims.Parse(claims_json.data(), claims_json.size());
    if (claims.HasParseError() || !claims.IsObject()) return false;
    auto is = [&](const char *name, const std::string &want) {
        auto it = claims.FindMember(name);
        return it != claims.MemberEnd() && it->value.IsString() && want == it->value.GetString();
    };
    return is("channel_id", channel_id) && is("user_uid", user_uid);
}

} // namespace

size_t AdminApi::disconnect(const std::string &channel_id, const std::string &user_uid, const char *reason) {
    size_t ended = 0;
    for (const auto &session : ctx_.sessions.all()) {
        bool concerned = false;
        for (const auto &h : session->handles()) concerned = concerned || claimsName(h->claims(), channel_id, user_uid);
        if (!concerned) continue;
        PLOG_INFO("moderation", {session->id()}, "{}: ending the session of user {} in channel {}", reason, user_uid,
                  channel_id);
        ctx_.sessions.destroy(*session, true);
        ctx_.metrics.forcedDisconnect(reason);
        ++ended;
    }
    return ended;
}

std::string AdminApi::moderate(Request &r) {
    using Kind = auth::Moderation::Kind;
    std::string action = api::requireString(r.doc, "action");
    std::string channel = api::requireString(r.doc, "channel_id");
    bool locking = action == "lock" || action == "unlock";
    std::string user = locking ? "" : api::requireString(r.doc, "user_uid");
    uint64_t duration = api::optionalUint(r.doc, "duration_s").value_or(0);
    int64_t until = duration ? api::unixNow() + static_cast<int64_t>(duration) : auth::Moderation::kForever;
    if (action == "ban") {
        ctx_.moderation.set(Kind::ban, channel, user, until);
    } else if (action == "unban") {
        ctx_.moderation.clear(Kind::ban, channel, user);
    } else if (action == "kick") {
        // nothing kept: the sessions end below
    } else if (action == "timeout") {
        ctx_.moderation.set(Kind::timeout, channel, user, until);
    } else if (action == "untimeout") {
        ctx_.moderation.clear(Kind::timeout, channel, user);
    } else if (action == "lock") {
        ctx_.moderation.set(Kind::lock, channel, "", until);
    } else if (action == "unlock") {
        ctx_.moderation.clear(Kind::lock, channel, "");
    } else {
        throw ApiError(ErrorCode::invalid_element_type,
                       "Invalid element (action should be ban, unban, kick, timeout, untimeout, lock or unlock)");
    }
    PLOG_INFO("moderation", {}, "{} in channel {}{}{}", action, channel, user.empty() ? "" : " of user ", user);
    // Plugins hear it while the sessions a ban or kick ends still exist.
    bool ends = action == "ban" || action == "kick";
    bool lasts = action == "ban" || action == "timeout" || action == "lock";
    ctx_.plugins.moderationEvent(channel, user, action, lasts ? until : auth::Moderation::kForever);
    size_t disconnected = ends ? disconnect(channel, user, action.c_str()) : 0;
    auto &a = r.out.GetAllocator();
    r.out.AddMember("disconnected", static_cast<uint64_t>(disconnected), a);
    return api::toJson(r.out);
}

} // namespace portunus
