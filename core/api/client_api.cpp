#include "api/client_api.hpp"

#include "api/ice_servers.hpp"
#include "api/json.hpp"
#include "api/request.hpp"
#include "api/request_limits.hpp"
#include "api/plugin_answer.hpp"
#include "api/server_info.hpp"
#include "auth/join_tickets.hpp"
#include "observe/log.hpp"
#include "observe/metrics.hpp"
#include "plugins/plugin_registry.hpp"
#include "plugins/reply.hpp"
#include "sdp/parser.hpp"
#include "session/session_manager.hpp"

#include <fmt/format.h>

namespace portunus {

using api::ApiError;
using api::ErrorCode;

namespace {

std::string simpleReply(std::string_view kind, const std::optional<std::string> &tx, uint64_t session_id) {
    return api::toJson(api::reply(kind, tx, session_id));
}

// Checks a client's JSEP and hands it to the handle's PeerConnection before
// the plugin sees it, as Janus does: an offer, or the answer to the plugin's
// offer. The tracks it sends count against the participant's limit.
void applyJsep(const rapidjson::Value &jsep, Handle &handle, ChannelRoster &roster) {
    std::string type = api::requireString(jsep, "type");
    if (type != "offer" && type != "answer")
        throw ApiError(ErrorCode::jsep_unknown_type, fmt::format("JSEP error: unknown message type '{}'", type));
    std::string text = api::requireString(jsep, "sdp");
    if (text.empty()) throw ApiError(ErrorCode::jsep_invalid_sdp, "JSEP error: empty SDP");
    sdp::SessionDescription description;
    std::string error;
    if (!sdp::parse(text, description, error)) throw ApiError(ErrorCode::jsep_invalid_sdp, "Invalid SDP: " + error);
    roster.setSendingTracks(handle.subject(), handle.id(), ChannelRoster::tracksSent(description));
    if (type == "offer") {
        handle.peer()->applyRemoteOffer(description);
        return;
    }
    auto pc = handle.existingPeer();
    if (!pc) throw ApiError(ErrorCode::unexpected_answer, "Unexpected ANSWER (no OFFER)");
    pc->applyRemoteAnswer(description);
}

} // namespace

void ClientApi::handle(std::string_view body, const ClientRequestContext &rc, const Send &send) {
    api::Request r;
    std::shared_ptr<Session> held;
    std::string reply;
    try {
        api::readEnvelope(body, r);
        api::readIds(r, rc.path_session, rc.path_handle);
        if (r.session_id && (held = ctx_.sessions.find(r.session_id))) held->holdEvents();
        reply = dispatch(r, rc);
    } catch (const ApiError &e) {
        PLOG_INFO("client-api", (log::Ids{r.session_id, r.handle_id}), "{} from {} refused: {} {}",
                   r.kind.empty() ? "request" : r.kind, rc.remote, e.code(), e.what());
        reply = api::errorReply(r.transaction, r.session_id, e.code(), e.what());
    } catch (const std::exception &e) {
        PLOG_ERROR("client-api", (log::Ids{r.session_id, r.handle_id}), "{} failed: {}", r.kind, e.what());
        reply = api::errorReply(r.transaction, r.session_id, static_cast<int>(ErrorCode::unknown), e.what());
    }
    send(std::move(reply));
    if (held) held->releaseEvents();
}

std::string ClientApi::dispatch(Request &r, const ClientRequestContext &rc) {
    ctx_.limits.checkRequest(addressOf(rc.remote));
    if (r.kind == "info") return api::toJson(api::serverInfo(ctx_, r.transaction));
    if (r.kind == "ping") return simpleReply("pong", r.transaction, 0);
    if (r.session_id == 0 && r.handle_id == 0) {
        if (r.kind != "create")
            throw ApiError(ErrorCode::invalid_request_path, fmt::format("Unhandled request '{}' at this path", r.kind));
        return create(r, rc);
    }
    auto session = ctx_.sessions.find(r.session_id);
    if (!session || session->destroyed())
        throw ApiError(ErrorCode::session_not_found, fmt::format("No such session {}", r.session_id));
    session->touch();
    ctx_.limits.checkSession(session->id());
    if (r.handle_id == 0) {
        if (r.kind == "keepalive") return simpleReply("ack", r.transaction, r.session_id);
        if (r.kind == "attach") return attach(r, *session);
        if (r.kind == "destroy") {
            ctx_.sessions.destroy(*session, false);
            return simpleReply("success", r.transaction, r.session_id);
        }
        if (r.kind == "claim") {
            if (!rc.sink) throw ApiError(ErrorCode::transport_specific, "claim needs a persistent transport (WebSocket)");
            session->setSink(rc.sink);
            return simpleReply("success", r.transaction, r.session_id);
        }
        if (r.kind == "create" || r.kind == "message" || r.kind == "trickle" || r.kind == "hangup" || r.kind == "detach")
            throw ApiError(ErrorCode::invalid_request_path, fmt::format("Unhandled request '{}' at this path", r.kind));
        throw ApiError(ErrorCode::unknown_request, fmt::format("Unknown request '{}'", r.kind));
    }
    auto handle = session->handle(r.handle_id);
    if (!handle)
        throw ApiError(ErrorCode::handle_not_found,
                       fmt::format("No such handle {} in session {}", r.handle_id, r.session_id));
    if (r.kind == "message" || r.kind == "trickle") ctx_.limits.checkHandle(handle->id());
    if (r.kind == "message") return message(r, *session, *handle);
    if (r.kind == "trickle") return trickle(r, *session, *handle);
    if (r.kind == "keepalive") return simpleReply("ack", r.transaction, r.session_id);
    if (r.kind == "hangup") {
        ctx_.sessions.hangup(*handle, "Janus API");
        return simpleReply("success", r.transaction, r.session_id);
    }
    if (r.kind == "detach") {
        auto reply = simpleReply("success", r.transaction, r.session_id);
        ctx_.sessions.detach(*session, *handle, true);
        return reply;
    }
    if (r.kind == "create" || r.kind == "attach" || r.kind == "destroy" || r.kind == "claim")
        throw ApiError(ErrorCode::invalid_request_path, fmt::format("Unhandled request '{}' at this path", r.kind));
    throw ApiError(ErrorCode::unknown_request, fmt::format("Unknown request '{}'", r.kind));
}

std::string ClientApi::create(Request &r, const ClientRequestContext &rc) {
    ctx_.limits.checkNewSession(addressOf(rc.remote), ctx_.sessions.count());
    auto session = ctx_.sessions.create(api::optionalUint(r.doc, "id"));
    if (rc.sink) session->setSink(rc.sink);
    auto d = api::reply("success", r.transaction);
    rapidjson::Value data(rapidjson::kObjectType);
    data.AddMember("id", session->id(), d.GetAllocator());
    d.AddMember("data", data, d.GetAllocator());
    return api::toJson(d);
}

namespace {
// The rtc_join_fail_total reason of an attach refused with `code`.
const char *joinFailReason(int code) {
    switch (static_cast<ErrorCode>(code)) {
    case ErrorCode::ticket_missing: return "ticket_missing";
    case ErrorCode::ticket_invalid: return "ticket_invalid";
    case ErrorCode::ticket_bad_signature: return "ticket_bad_signature";
    case ErrorCode::ticket_expired: return "ticket_expired";
    case ErrorCode::ticket_replayed: return "ticket_replayed";
    case ErrorCode::ticket_wrong_audience: return "ticket_wrong_audience";
    case ErrorCode::banned: return "banned";
    case ErrorCode::channel_locked: return "channel_locked";
    case ErrorCode::channel_full: return "channel_full";
    case ErrorCode::too_many_handles: return "too_many_handles";
    case ErrorCode::plugin_not_found: return "no_such_plugin";
    case ErrorCode::plugin_attach: return "plugin_refused";
    default: return "other";
    }
}
} // namespace

std::string ClientApi::attach(Request &r, Session &session) {
    try {
        return attachHandle(r, session);
    } catch (const ApiError &e) {
        ctx_.metrics.joinFailed(joinFailReason(e.code()));
        throw;
    }
}

std::string ClientApi::attachHandle(Request &r, Session &session) {
    std::string name = api::requireString(r.doc, "plugin");
    std::string opaque = api::optionalString(r.doc, "opaque_id").value_or("");
    const PluginEntry *plugin = ctx_.plugins.find(name);
    if (!plugin) throw ApiError(ErrorCode::plugin_not_found, fmt::format("No such plugin '{}'", name));
    ctx_.limits.checkAttach(session.handles().size());
    std::string claims;
    // janus.js sends a handle's `token` option as "token" on attach: the ticket rides there too.
    auto ticket = api::optionalString(r.doc, "ticket");
    if (!ticket) ticket = api::optionalString(r.doc, "token");
    if (ctx_.tickets.required()) claims = ctx_.tickets.admit(ticket, api::unixNow());
    auto handle = ctx_.sessions.attach(session, *plugin->table(), name, opaque, std::move(claims));
    auto d = api::reply("success", r.transaction, session.id());
    rapidjson::Value data(rapidjson::kObjectType);
    data.AddMember("id", handle->id(), d.GetAllocator());
    d.AddMember("data", data, d.GetAllocator());
    return api::toJson(d);
}

std::string ClientApi::message(Request &r, Session &session, Handle &handle) {
    const rapidjson::Value &body = api::requireObject(r.doc, "body");
    const rapidjson::Value *jsep = api::optionalObject(r.doc, "jsep");
    if (jsep) applyJsep(*jsep, handle, ctx_.sessions.roster());
    std::string body_text = api::toJson(body);
    std::string jsep_text = jsep ? api::toJson(*jsep) : std::string();
    portunus_reply reply;
    portunus_result result = PORTUNUS_ERROR;
    bool called = handle.callPlugin([&] {
        result = handle.plugin().handle_message(handle.raw(), r.transaction->c_str(), body_text.data(), body_text.size(),
                                                jsep ? jsep_text.data() : nullptr, jsep_text.size(), &reply);
    });
    if (!called)
        throw ApiError(ErrorCode::handle_not_found, fmt::format("No such handle {} in session {}", handle.id(), session.id()));
    if (result == PORTUNUS_OK_WAIT) return simpleReply("ack", r.transaction, session.id());
    rapidjson::Document data = api::pluginAnswer(result, reply);
    auto d = api::reply("success", r.transaction, session.id());
    auto &a = d.GetAllocator();
    d.AddMember("sender", handle.id(), a);
    rapidjson::Value plugindata(rapidjson::kObjectType);
    plugindata.AddMember("plugin", api::str(handle.pluginName(), a), a);
    plugindata.AddMember("data", rapidjson::Value(data, a), a);
    d.AddMember("plugindata", plugindata, a);
    return api::toJson(d);
}

std::string ClientApi::trickle(Request &r, Session &session, Handle &handle) {
    auto candidate = r.doc.FindMember("candidate");
    auto candidates = r.doc.FindMember("candidates");
    bool has_one = candidate != r.doc.MemberEnd();
    bool has_many = candidates != r.doc.MemberEnd();
    if (!has_one && !has_many) throw ApiError(ErrorCode::missing_mandatory_element, "Missing mandatory element (candidate|candidates)");
    if (has_one && has_many) throw ApiError(ErrorCode::invalid_json, "Can't have both candidate and candidates");
    if (has_one && !candidate->value.IsObject()) throw ApiError(ErrorCode::invalid_element_type, "Invalid element type (candidate should be an object)");
    if (has_many && !candidates->value.IsArray()) throw ApiError(ErrorCode::invalid_element_type, "Invalid element type (candidates should be an array)");
    auto queue = [&](const rapidjson::Value &c) {
        if (!c.IsObject()) throw ApiError(ErrorCode::invalid_element_type, "Invalid element type (a candidate should be an object)");
        auto completed = c.FindMember("completed");
        if (completed != c.MemberEnd() && completed->value.IsBool() && completed->value.GetBool()) {
            handle.queueTrickle("");
            return;
        }
        handle.queueTrickle(api::requireString(c, "candidate"));
    };
    if (has_one) queue(candidate->value);
    else
        for (const auto &c : candidates->value.GetArray()) queue(c);
    return simpleReply("ack", r.transaction, session.id());
}

} // namespace portunus
