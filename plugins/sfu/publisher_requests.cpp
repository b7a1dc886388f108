// Asynchronous requests of publishers: join (ptype publisher),
// joinandconfigure, publish, configure, unpublish, leave; and the dispatch of
// every asynchronous request. Events as Janus videoroom sends them.
#include "sfu.hpp"

#include "answer_streams.hpp"
#include "permissions.hpp"

#include <algorithm>
#include <random>

namespace portunus::sfu {

namespace {

uint64_t randomUint(uint64_t max) {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    return rng() % max + 1;
}

void checkPin(const Room &room, const Value &body) {
    if (room.config.pin.empty()) return;
    auto pin = optString(body, "pin");
    if (!pin) throw SfuError(kErrorMissingElement, "Missing mandatory element (pin)");
    if (*pin != room.config.pin) throw SfuError(kErrorUnauthorized, "Unauthorized (wrong pin)");
}

void checkToken(const Room &room, const Value &body) {
    if (!room.config.allowed) return;
    auto token = optString(body, "token");
    const auto &list = *room.config.allowed;
    if (!token || std::find(list.begin(), list.end(), *token) == list.end())
        throw SfuError(kErrorUnauthorized, "Unauthorized (not in the allowed list)");
}

} // namespace

void Sfu::checkChannel(const Request &r, uint64_t room_id) {
    if (!mayJoin(claims(r.session.handle), room_id))
        throw SfuError(kErrorWrongChannel, "Unauthorized (the join ticket is not for room " + std::to_string(room_id) + ")");
}

namespace {

std::string descriptionFor(const Value *descriptions, const std::string &mid) {
    if (!descriptions) return {};
    for (const auto &d : descriptions->GetArray()) {
        if (!d.IsObject()) throw SfuError(kErrorInvalidElement, "Invalid element type (descriptions should be an array of objects)");
        if (reqString(d, "mid") == mid) return reqString(d, "description");
    }
    return {};
}

// The client's offer, from its JSEP: 431 unless it is an offer.
std::string offerSdp(std::string_view jsep) {
    rapidjson::Document d = parseObject(jsep);
    if (optString(d, "type") != "offer") throw SfuError(kErrorInvalidSdpType, "Unsupported SDP type (expected an offer)");
    return reqString(d, "sdp");
}

std::string jsepJson(const char *type, const std::string &sdp) {
    rapidjson::Document d(rapidjson::kObjectType);
    d.AddMember("type", rapidjson::StringRef(type), d.GetAllocator());
    d.AddMember("sdp", str(sdp, d.GetAllocator()), d.GetAllocator());
    return toJson(d);
}

} // namespace

bool isAsyncRequest(const std::string &n) {
    for (const char *name : {"join", "joinandconfigure", "publish", "configure", "unpublish", "leave", "subscribe",
                             "unsubscribe", "update", "start", "pause", "switch"})
        if (n == name) return true;
    return false;
}

std::string jsepAnswer(const std::string &sdp) { return jsepJson("answer", sdp); }
std::string jsepOffer(const std::string &sdp) { return jsepJson("offer", sdp); }

AsyncReply Sfu::asyncRequest(Request &r) {
    std::lock_guard session_lock(r.session.mutex);
    Session &s = r.session;
    bool joined = s.room && ((s.participant && s.participant->in_room) || (s.subscription && s.subscription->in_room));
    if (r.name == "join" || r.name == "joinandconfigure") {
        if (joined) throw SfuError(kErrorAlreadyJoined, "Already in a room on this handle");
        std::string ptype = reqString(r.body, "ptype");
        if (ptype == "publisher") return joinPublisher(r, r.name == "joinandconfigure");
        if (ptype == "subscriber" && r.name == "join") return joinSubscriber(r);
        throw SfuError(kErrorInvalidElement, "Invalid element (ptype)");
    }
    if (!joined) throw SfuError(kErrorJoinFirst, "Join a room first (" + r.name + ")");
    if (s.subscription) return subscriberRequest(r);
    if (r.name == "publish") return configurePublisher(r, true);
    if (r.name == "configure") return configurePublisher(r, false);
    if (r.name == "unpublish") return unpublish(r);
    if (r.name == "leave") return leavePublisher(r);
    throw SfuError(kErrorInvalidRequest, "Unknown request '" + r.name + "' for a publisher");
}

AsyncReply Sfu::joinPublisher(Request &r, bool and_configure) {
    auto room = findRoom(r.body);
    std::lock_guard lock(room->mutex);
    const uint64_t room_id = room->config.id;
    if (room->destroyed) throw SfuError(kErrorNoSuchRoom, "No such room (" + std::to_string(room_id) + ")");
    checkChannel(r, room_id);
    checkPin(*room, r.body);
    checkToken(*room, r.body);
    if (room->locked) throw SfuError(kErrorRoomLocked, "Room " + std::to_string(room_id) + " is locked");
    auto id = optUint(r.body, "id");
    auto display = optString(r.body, "display");
    if (id && room->banned.count(*id))
        throw SfuError(kErrorBanned, "User ID " + std::to_string(*id) + " is banned from room " + std::to_string(room_id));
    if (id && room->participants.count(*id))
        throw SfuError(kErrorIdExists, "User ID " + std::to_string(*id) + " already exists");
    if (id && *id == 0) throw SfuError(kErrorInvalidElement, "Invalid element (id should be a positive integer)");
    auto p = std::make_shared<Participant>();
    p->id = id.value_or(0);
    while (!p->id || room->participants.count(p->id) || room->banned.count(p->id)) p->id = randomUint(9'000'000'000'000'000ull);
    p->private_id = static_cast<uint32_t>(randomUint(0xFFFFFFFEu));
    p->display = display.value_or("");
    p->handle = HandleRef(host(), r.session.handle);
    p->path = r.session.publisher_path;
    if (Handle anchor = room->anchor()) host().colocate(r.session.handle.raw(), anchor.raw());
    room->participants[p->id] = p;
    r.session.room = room;
    r.session.participant = p;
    r.session.subscription.reset();

    auto event = roomEvent("joined", room_id);
    auto &a = event.GetAllocator();
    event.AddMember("description", str(room->config.description, a), a);
    event.AddMember("id", p->id, a);
    event.AddMember("private_id", p->private_id, a);
    event.AddMember("publishers", publishersJson(*room, p.get(), a), a);
    if (room->config.notify_joining) {
        Value attendees(rapidjson::kArrayType);
        for (const auto &[other_id, other] : room->participants) {
            if (other == p || other->publishing()) continue;
            Value o(rapidjson::kObjectType);
            o.AddMember("id", other_id, a);
            if (!other->display.empty()) o.AddMember("display", str(other->display, a), a);
            attendees.PushBack(o, a);
        }
        event.AddMember("attendees", attendees, a);
        auto joining = roomEvent("event", room_id);
        auto &ja = joining.GetAllocator();
        Value who(rapidjson::kObjectType);
        who.AddMember("id", p->id, ja);
        if (!p->display.empty()) who.AddMember("display", str(p->display, ja), ja);
        joining.AddMember("joining", who, ja);
        notifyParticipants(*room, toJson(joining), p.get());
    }
    log(r.session.handle, PORTUNUS_LOG_INFO, "publisher " + std::to_string(p->id) + " joined room " + std::to_string(room_id));
    if (!and_configure) return {toJson(event), {}};
    AsyncReply configured = configureLocked(r, *room, *p, false);
    return {toJson(event), configured.jsep};
}

AsyncReply Sfu::configurePublisher(Request &r, bool publish) {
    Room &room = *r.session.room;
    std::lock_guard lock(room.mutex);
    return configureLocked(r, room, *r.session.participant, publish);
}

AsyncReply Sfu::configureLocked(Request &r, Room &room, Participant &p, bool publish) {
    const Value &b = r.body;
    auto bitrate = optUint(b, "bitrate");
    auto keyframe = optBool(b, "keyframe");
    auto display = optString(b, "display");
    const Value *descriptions = optArray(b, "descriptions");
    auto mid = optString(b, "mid");
    auto send = optBool(b, "send");
    optBool(b, "record"); // accepted: recording is the record plugin's
    optString(b, "filename");
    optUint(b, "audio_active_packets");
    optUint(b, "audio_level_average");
    if (send && !mid) throw SfuError(kErrorMissingElement, "Missing mandatory element (mid)");
    PublisherStream *target = nullptr;
    if (mid && !r.jsep.empty()) throw SfuError(kErrorInvalidElement, "Invalid element (mid: not with an offer)");
    if (mid && !(target = p.stream(*mid))) throw SfuError(kErrorInvalidElement, "No such mid " + *mid);

    std::string jsep;
    if (!r.jsep.empty()) {
        if (publish && p.publishing()) throw SfuError(kErrorAlreadyPublished, "Can't publish, already published");
        if (!p.publishing() && room.publisherCount() >= room.config.publishers)
            throw SfuError(kErrorPublishersFull,
                           "Maximum number of publishers (" + std::to_string(room.config.publishers) + ") already reached");
        jsep = answerOffer(r, room, p);
    } else if (publish) {
        throw SfuError(kErrorMissingElement, "Missing mandatory element (jsep)");
    }
    bool announce = !jsep.empty() && p.active;
    if (descriptions)
        for (auto &s : p.streams) {
            std::string d = descriptionFor(descriptions, s.mid);
            if (!d.empty() && d != s.description) s.description = d, announce = true;
        }
    if (target && send && target->send != *send) target->send = *send, announce = true;
    if (bitrate) p.bitrate = static_cast<uint32_t>(std::min<uint64_t>(*bitrate, UINT32_MAX));
    if (display && *display != p.display) {
        p.display = *display;
        auto event = roomEvent("event", room.config.id);
        event.AddMember("id", p.id, event.GetAllocator());
        event.AddMember("display", str(p.display, event.GetAllocator()), event.GetAllocator());
        notifyParticipants(room, toJson(event), &p);
    }
    syncPublisher(room, p);
    if (keyframe.value_or(false))
        runOnLoop(p.handle.get(), [h = &host(), path = p.path, ref = p.handle] { path->requestKeyframes(*h, ref.get().raw()); });
    if (announce && p.active) {
        notifyParticipants(room, publisherEvent(room, p), &p);
    }
    auto event = roomEvent("event", room.config.id);
    auto &a = event.GetAllocator();
    event.AddMember("configured", "ok", a);
    event.AddMember("streams", publisherJson(p, room.config.audiolevel_event, a)["streams"], a);
    return {toJson(event), jsep};
}

std::string Sfu::answerOffer(Request &r, Room &room, Participant &p) {
    const std::string offer = offerSdp(r.jsep);
    const Value *descriptions = optArray(r.body, "descriptions");
    const std::string_view claims = this->claims(r.session.handle);
    size_t media_lines = 0;
    for (const auto &s : answerStreams(offer, Writer::peer)) {
        if (s.disabled || s.kind == MediaKind::data) continue;
        ++media_lines;
        if (!mayPublish(claims, s.kind, descriptionFor(descriptions, s.mid)))
            throw SfuError(kErrorUnauthorized, std::string("Unauthorized (no permission to publish ") + kindName(s.kind) +
                                                   " on mid " + s.mid + ")");
    }
    if (media_lines) checkNotTimedOut(r.session.handle);
    if (media_lines > room.config.max_streams)
        throw SfuError(kErrorTooManyStreams, "Too many streams (" + std::to_string(media_lines) + ", the room allows " +
                                                 std::to_string(room.config.max_streams) + ")");
    rapidjson::Document options(rapidjson::kObjectType);
    auto &a = options.GetAllocator();
    for (auto [key, codecs] : {std::pair{"audio", &room.config.audiocodecs}, std::pair{"video", &room.config.videocodecs}}) {
        Value list(rapidjson::kArrayType);
        for (const auto &c : *codecs) list.PushBack(str(c, a), a);
        Value kind(rapidjson::kObjectType);
        kind.AddMember("codecs", list, a);
        options.AddMember(rapidjson::StringRef(key), kind, a);
    }
    options.AddMember("data", false, a);
    options.AddMember("direction", "recvonly", a);
    std::string answer = sdpAnswer(offer, toJson(options));
    if (answer.empty()) throw SfuError(kErrorInvalidSdp, "Error processing the SDP offer");

    std::vector<PublisherStream> streams;
    for (const auto &s : answerStreams(answer, Writer::us)) {
        PublisherStream ps;
        ps.mindex = s.mindex;
        ps.mid = s.mid;
        ps.kind = s.kind;
        ps.codec = s.codec;
        ps.simulcast = s.simulcast;
        ps.disabled = s.disabled || s.kind == MediaKind::data || s.codec.empty();
        if (const PublisherStream *old = p.stream(s.mid)) {
            ps.description = old->description;
            ps.moderated = old->moderated;
            ps.send = old->send;
            if (old->codec == ps.codec && !ps.disabled) ps.media = old->media; // keeps subscribers' streams
        }
        if (!ps.disabled && !ps.media) {
            auto codec = offerCodec(ps.codec);
            uint32_t clock = codec ? codec->clock_rate : (ps.kind == MediaKind::video ? 90000 : 48000);
            ps.media = std::make_shared<StreamMedia>(ps.kind == MediaKind::video, media::codecFromName(ps.codec), clock,
                                                     int(room.config.audio_level_average),
                                                     int(room.config.audio_active_packets));
        }
        streams.push_back(std::move(ps));
    }
    p.streams = std::move(streams);
    return jsepAnswer(answer);
}

void Sfu::stopPublishing(Room &room, Participant &p, bool notify) {
    if (!p.publishing()) return;
    const bool was_active = p.active;
    p.streams.clear();
    p.active = false;
    syncPublisher(room, p);
    for (const auto &sub : room.subscriptions) {
        bool changed = false;
        for (auto &slot : sub->slots)
            if (slot.active && slot.feed_id == p.id) releaseSlot(slot), changed = true;
        if (!changed) continue;
        syncSubscriber(room, *sub);
        renegotiate(room, *sub, "updated");
    }
    if (!notify || !was_active) return;
    auto event = roomEvent("event", room.config.id);
    event.AddMember("unpublished", p.id, event.GetAllocator());
    notifyParticipants(room, toJson(event), &p);
}

void Sfu::removeParticipant(Room &room, Participant &p, const char *event_key) {
    auto keep = room.participants[p.id]; // p stays valid until the end
    stopPublishing(room, p, true);
    p.in_room = false;
    room.participants.erase(p.id);
    auto event = roomEvent("event", room.config.id);
    event.AddMember(rapidjson::StringRef(event_key), p.id, event.GetAllocator());
    notifyParticipants(room, toJson(event));
    log(p.handle.get(), PORTUNUS_LOG_INFO, "participant " + std::to_string(p.id) + " left room " +
                                                std::to_string(room.config.id) + " (" + event_key + ")");
}

AsyncReply Sfu::unpublish(Request &r) {
    Room &room = *r.session.room;
    std::lock_guard lock(room.mutex);
    Participant &p = *r.session.participant;
    if (!p.publishing()) throw SfuError(kErrorNotPublished, "Can't unpublish, not published");
    stopPublishing(room, p, true);
    closeLater(p.handle);
    auto event = roomEvent("event", room.config.id);
    event.AddMember("unpublished", "ok", event.GetAllocator());
    return {toJson(event), {}};
}

AsyncReply Sfu::leavePublisher(Request &r) {
    Room &room = *r.session.room;
    std::lock_guard lock(room.mutex);
    Participant &p = *r.session.participant;
    const bool had_media = p.publishing();
    removeParticipant(room, p, "leaving");
    if (had_media) closeLater(p.handle);
    auto event = roomEvent("event", room.config.id);
    event.AddMember("leaving", "ok", event.GetAllocator());
    return {toJson(event), {}};
}

} // namespace portunus::sfu
