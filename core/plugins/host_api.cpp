#include "plugins/host_api.hpp"

#include "api/json.hpp"
#include "loop/loop_pool.hpp"

#include <boost/asio/post.hpp>

#include <algorithm>
#include <cstring>
#include "observe/log.hpp"
#include "plugins/reply.hpp"
#include "plugins/timer_service.hpp"
#include "plugins/answer_options.hpp"
#include "plugins/offer_options.hpp"
#include "sdp/answerer.hpp"
#include "sdp/offerer.hpp"
#include "sdp/parser.hpp"
#include "sdp/writer.hpp"
#include "session/session.hpp"
#include "storage/storage.hpp"
#include "transport/http_routes.hpp"

namespace portunus {

namespace {

PluginHost &self(const portunus_host *host) { return *static_cast<PluginHost *>(host->context); }

Handle *live(portunus_handle *raw) {
    Handle *h = Handle::from(raw);
    return h && h->alive() ? h : nullptr;
}

log::Level levelOf(portunus_log_level level) { return static_cast<log::Level>(std::clamp(static_cast<int>(level), 0, 4)); }

void hostLog(const portunus_host *host, portunus_log_level level, const char *message) {
    if (log::enabled(levelOf(level))) log::write(levelOf(level), self(host).package, {}, message ? message : "");
}

void hostLogHandle(const portunus_host *host, portunus_handle *raw, portunus_log_level level, const char *message) {
    if (!log::enabled(levelOf(level))) return;
    // A destroyed handle (held by retain_handle) still names itself: its ids do not change.
    Handle *h = Handle::from(raw);
    log::write(levelOf(level), self(host).package, h ? h->logIds() : log::Ids{}, message ? message : "");
}

void replyJson(portunus_reply *reply, const char *json, size_t length) {
    if (!reply) return;
    reply->answered = true;
    reply->is_error = false;
    reply->text.assign(json ? json : "", json ? length : 0);
}

void replyError(portunus_reply *reply, int code, const char *reason) {
    if (!reply) return;
    reply->answered = true;
    reply->is_error = true;
    reply->code = code;
    reply->text = reason ? reason : "";
}

// A plugin's offer or answer gets our ICE/DTLS attributes, candidates and
// SSRCs from the handle's PeerConnection before the client sees it. An offer
// creates the PeerConnection when the handle has none yet.
bool completeJsep(Handle &h, rapidjson::Document &jsep) {
    auto type = jsep.FindMember("type");
    auto text = jsep.FindMember("sdp");
    if (type == jsep.MemberEnd() || !type->value.IsString() || text == jsep.MemberEnd() || !text->value.IsString())
        return false;
    std::string_view kind = type->value.GetString();
    log::Ids ids = h.logIds();
    if (kind != "answer" && kind != "offer") {
        PLOG_WARN(h.pluginName(), ids, "push_event: a JSEP must be an offer or an answer");
        return false;
    }
    sdp::SessionDescription description;
    std::string error;
    if (!sdp::parse({text->value.GetString(), text->value.GetStringLength()}, description, error)) {
        PLOG_WARN(h.pluginName(), ids, "unusable {} from the plugin: {}", kind, error);
        return false;
    }
    try {
        std::string completed;
        if (kind == "offer") {
            completed = h.peer()->completeOffer(std::move(description));
        } else {
            auto pc = h.existingPeer();
            if (!pc) {
                PLOG_WARN(h.pluginName(), ids, "unusable answer from the plugin: no offer to answer");
                return false;
            }
            completed = pc->completeAnswer(std::move(description));
        }
        text->value.SetString(completed.c_str(), static_cast<rapidjson::SizeType>(completed.size()), jsep.GetAllocator());
    } catch (const std::exception &e) {
        PLOG_WARN(h.pluginName(), ids, "{} refused: {}", kind, e.what());
        return false;
    }
    return true;
}

// Media to a handle's peer: straight on its loop, else queued to it. The
// packet is copied either way before this returns.
template <typename Packet, typename Send>
portunus_status toPeer(Handle &h, const Packet &packet, Send send) {
    if (h.loop().isCurrentThread()) {
        PeerConnection *pc = h.mediaPeer();
        return pc ? send(*pc, packet) : PORTUNUS_STATUS_NO_MEDIA;
    }
    auto bytes = std::make_shared<std::vector<uint8_t>>(packet.data, packet.data + packet.length);
    boost::asio::post(h.loop().context(), [self = h.shared_from_this(), bytes, copy = packet, send]() mutable {
        copy.data = bytes->data();
        if (PeerConnection *pc = self->mediaPeer()) send(*pc, copy);
    });
    return PORTUNUS_STATUS_OK;
}

portunus_status pushEvent(portunus_handle *raw, const char *transaction, const char *json, size_t json_length,
                          const char *jsep, size_t jsep_length) {
    Handle *h = live(raw);
    if (!h) return PORTUNUS_STATUS_GONE;
    auto session = h->session();
    if (!session || session->destroyed()) return PORTUNUS_STATUS_GONE;
    rapidjson::Document data, jsep_doc;
    data.Parse(json ? json : "", json ? json_length : 0);
    if (data.HasParseError() || !data.IsObject()) {
        PLOG_WARN(h->pluginName(), h->logIds(), "push_event with invalid JSON refused");
        return PORTUNUS_STATUS_INVALID;
    }
    if (jsep) {
        jsep_doc.Parse(jsep, jsep_length);
        if (jsep_doc.HasParseError() || !jsep_doc.IsObject() || !completeJsep(*h, jsep_doc)) return PORTUNUS_STATUS_INVALID;
    }
    auto event = api::reply("event", transaction ? std::optional<std::string>(transaction) : std::nullopt,
                            h->sessionId());
    auto &a = event.GetAllocator();
    event.AddMember("sender", h->id(), a);
    rapidjson::Value plugindata(rapidjson::kObjectType);
    plugindata.AddMember("plugin", api::str(h->pluginName(), a), a);
    plugindata.AddMember("data", rapidjson::Value(data, a), a);
    event.AddMember("plugindata", plugindata, a);
    if (jsep) event.AddMember("jsep", rapidjson::Value(jsep_doc, a), a);
    session->pushEvent(api::toJson(event));
    return PORTUNUS_STATUS_OK;
}

portunus_status relayRtp(portunus_handle *raw, const portunus_rtp *p) {
    Handle *h = live(raw);
    if (!h) return PORTUNUS_STATUS_GONE;
    if (!p || !p->data) return PORTUNUS_STATUS_INVALID;
    return toPeer(*h, *p, [](PeerConnection &pc, const portunus_rtp &x) { return pc.sendRtp(x); });
}
portunus_status relayRtcp(portunus_handle *raw, const portunus_rtcp *p) {
    Handle *h = live(raw);
    if (!h) return PORTUNUS_STATUS_GONE;
    if (!p || !p->data) return PORTUNUS_STATUS_INVALID;
    return toPeer(*h, *p, [](PeerConnection &pc, const portunus_rtcp &x) { return pc.sendRtcp(x); });
}
portunus_status relayData(portunus_handle *raw, const portunus_data *d) {
    Handle *h = live(raw);
    if (!h) return PORTUNUS_STATUS_GONE;
    if (!d) return PORTUNUS_STATUS_INVALID;
    if (h->loop().isCurrentThread()) {
        PeerConnection *pc = h->mediaPeer();
        return pc ? pc->sendData(*d) : PORTUNUS_STATUS_NO_MEDIA;
    }
    // Another loop: copy the message and its label, send on the handle's loop.
    auto bytes = std::make_shared<std::vector<uint8_t>>(d->data, d->data + d->length);
    auto label = std::make_shared<std::string>(d->label ? d->label : "");
    bool binary = d->binary != 0;
    boost::asio::post(h->loop().context(), [self = h->shared_from_this(), bytes, label, binary] {
        portunus_data copy{};
        copy.data = bytes->data();
        copy.length = static_cast<uint32_t>(bytes->size());
        copy.binary = binary;
        copy.label = label->c_str();
        if (PeerConnection *pc = self->mediaPeer()) pc->sendData(copy);
    });
    return PORTUNUS_STATUS_OK;
}
portunus_status sendPli(portunus_handle *raw, uint16_t mindex) {
    Handle *h = live(raw);
    if (!h) return PORTUNUS_STATUS_GONE;
    if (h->loop().isCurrentThread()) {
        PeerConnection *pc = h->mediaPeer();
        return pc ? pc->sendPli(mindex) : PORTUNUS_STATUS_NO_MEDIA;
    }
    boost::asio::post(h->loop().context(), [self = h->shared_from_this(), mindex] {
        if (PeerConnection *pc = self->mediaPeer()) pc->sendPli(mindex);
    });
    return PORTUNUS_STATUS_OK;
}

int64_t copySdp(const std::string &text, char *out, size_t capacity) {
    if (text.size() + 1 > capacity) return PORTUNUS_STATUS_FULL;
    std::memcpy(out, text.c_str(), text.size() + 1);
    return static_cast<int64_t>(text.size());
}

int64_t sdpAnswer(const portunus_host *host, const char *offer, size_t offer_length, const char *options,
                  size_t options_length, char *out, size_t capacity) {
    sdp::SessionDescription parsed;
    std::string error;
    if (!offer || !out || !sdp::parse({offer, offer_length}, parsed, error)) return PORTUNUS_STATUS_INVALID;
    sdp::AnswerOptions answer_options;
    if (!answerOptionsFromJson(options ? std::string_view(options, options_length) : "{}", answer_options, error)) {
        PLOG_WARN(self(host).package, {}, "sdp_answer: {}", error);
        return PORTUNUS_STATUS_INVALID;
    }
    return copySdp(sdp::write(sdp::answer(parsed, answer_options)), out, capacity);
}

int64_t sdpOffer(const portunus_host *host, const char *options, size_t options_length, char *out, size_t capacity) {
    sdp::OfferOptions offer_options;
    std::string error;
    if (!options || !out || !offerOptionsFromJson(std::string_view(options, options_length), offer_options, error)) {
        PLOG_WARN(self(host).package, {}, "sdp_offer: {}", error.empty() ? "no options or no output buffer" : error);
        return PORTUNUS_STATUS_INVALID;
    }
    try {
        return copySdp(sdp::write(sdp::offer(offer_options)), out, capacity);
    } catch (const std::invalid_argument &e) {
        PLOG_WARN(self(host).package, {}, "sdp_offer: {}", e.what());
        return PORTUNUS_STATUS_INVALID;
    }
}

portunus_status colocate(portunus_handle *raw, portunus_handle *other_raw) {
    Handle *h = live(raw);
    Handle *other = live(other_raw);
    if (!h || !other) return PORTUNUS_STATUS_GONE;
    h->setLoop(other->loop());
    return PORTUNUS_STATUS_OK;
}

portunus_status closePc(portunus_handle *raw) {
    Handle *h = live(raw);
    if (!h) return PORTUNUS_STATUS_GONE;
    h->listener().onHandleHangupRequested(*h, "Close PC");
    return PORTUNUS_STATUS_OK;
}

portunus_status endSession(portunus_handle *raw) {
    Handle *h = live(raw);
    if (!h) return PORTUNUS_STATUS_GONE;
    h->listener().onHandleEndRequested(*h);
    return PORTUNUS_STATUS_OK;
}

void notifyEvent(const portunus_host *host, portunus_handle *raw, const char *json, size_t length) {
    if (!json) return;
    self(host).services->onPluginEvent(self(host).package, Handle::from(raw), std::string_view(json, length));
}

uint64_t timerStart(const portunus_host *host, portunus_handle *raw, uint32_t delay_ms, uint32_t repeat_ms,
                    portunus_timer_fn fn, void *user) {
    if (!fn) return 0;
    auto &services = *self(host).services;
    if (raw) {
        Handle *h = live(raw);
        if (!h) return 0;
        return services.timers().start(h->loop(), h->id(), delay_ms, repeat_ms, fn, user);
    }
    return services.timers().start(services.loops().control(), 0, delay_ms, repeat_ms, fn, user);
}

void timerCancel(const portunus_host *host, uint64_t id) { self(host).services->timers().cancel(id); }

sqlite3 *storageOpen(const portunus_host *host) { return self(host).services->storage().open(); }

portunus_status registerHttpRoute(const portunus_host *host, const char *prefix, portunus_http_handler handler,
                                  void *user) {
    if (!prefix || prefix[0] != '/' || !handler) return PORTUNUS_STATUS_INVALID;
    return self(host).services->httpRoutes().add(prefix, self(host).package, handler, user)
               ? PORTUNUS_STATUS_OK
               : PORTUNUS_STATUS_INVALID;
}

void httpRespond(portunus_http_exchange *exchange, int status, const char *content_type, const uint8_t *body,
                 size_t length) {
    HttpRoutes::respond(exchange, status, content_type ? content_type : "application/octet-stream",
                        std::string(reinterpret_cast<const char *>(body ? body : reinterpret_cast<const uint8_t *>("")),
                                    body ? length : 0));
}

const char *handleClaims(portunus_handle *raw) {
    Handle *h = live(raw);
    return h && !h->claims().empty() ? h->claims().c_str() : nullptr;
}

uint64_t handleSessionId(portunus_handle *raw) {
    Handle *h = Handle::from(raw);
    return h ? h->sessionId() : 0;
}
uint64_t handleId(portunus_handle *raw) {
    Handle *h = Handle::from(raw);
    return h ? h->id() : 0;
}
void setHandleData(portunus_handle *raw, void *data) {
    if (Handle *h = Handle::from(raw)) h->setPluginData(data);
}
void *handleData(portunus_handle *raw) {
    Handle *h = Handle::from(raw);
    return h ? h->pluginData() : nullptr;
}

void retainHandle(portunus_handle *raw) {
    if (Handle *h = Handle::from(raw)) h->retainForPlugin();
}
void releaseHandle(portunus_handle *raw) {
    if (Handle *h = Handle::from(raw)) h->releaseForPlugin();
}

portunus_status runOnLoop(portunus_handle *raw, portunus_timer_fn fn, void *user) {
    Handle *h = live(raw);
    if (!h) return PORTUNUS_STATUS_GONE;
    if (!fn) return PORTUNUS_STATUS_INVALID;
    boost::asio::post(h->loop().context(), [fn, user] { fn(user); });
    return PORTUNUS_STATUS_OK;
}

int userTimedOut(const portunus_host *host, const char *channel_id, const char *user_uid) {
    if (!channel_id || !user_uid) return 0;
    return self(host).services->userTimedOut(channel_id, user_uid) ? 1 : 0;
}

} // namespace

void initHostTable(PluginHost &host) {
    portunus_host &t = host.table;
    t = {};
    t.api_version = PORTUNUS_PLUGIN_API_VERSION;
    t.context = &host;
    t.log = hostLog;
    t.log_handle = hostLogHandle;
    t.reply_json = replyJson;
    t.reply_error = replyError;
    t.push_event = pushEvent;
    t.relay_rtp = relayRtp;
    t.relay_rtcp = relayRtcp;
    t.relay_data = relayData;
    t.send_pli = sendPli;
    t.sdp_answer = sdpAnswer;
    t.sdp_offer = sdpOffer;
    t.colocate = colocate;
    t.close_pc = closePc;
    t.end_session = endSession;
    t.notify_event = notifyEvent;
    t.timer_start = timerStart;
    t.timer_cancel = timerCancel;
    t.storage_open = storageOpen;
    t.register_http_route = registerHttpRoute;
    t.http_respond = httpRespond;
    t.handle_claims = handleClaims;
    t.handle_session_id = handleSessionId;
    t.handle_id = handleId;
    t.set_handle_data = setHandleData;
    t.handle_data = handleData;
    t.retain_handle = retainHandle;
    t.release_handle = releaseHandle;
    t.run_on_loop = runOnLoop;
    t.user_timed_out = userTimedOut;
}

} // namespace portunus
