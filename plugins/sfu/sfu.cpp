// portunus.plugin.sfu: lifecycle, sessions, request dispatch, media callbacks
// and the periodic tick (talking events, REMB, fir_freq). See sfu.hpp.
#include "sfu.hpp"

#include "config_schema.hpp"

#include <charconv>

namespace portunus::sfu {

namespace {

constexpr uint32_t kTickMs = 250;

} // namespace

std::optional<uint64_t> roomIdFromText(std::string_view text) {
    uint64_t id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size() || id == 0) return std::nullopt;
    return id;
}

bool Sfu::init(std::string_view config_json, std::string &error) {
    rapidjson::Document cfg;
    cfg.Parse(config_json.data(), config_json.size());
    if (cfg.HasParseError() || !cfg.IsObject()) cfg.SetObject();
    admin_key_ = optString(cfg, "admin_key").value_or("");
    if (const Value *rooms = field(cfg, "rooms"); rooms && rooms->IsObject()) {
        for (const auto &m : rooms->GetObject()) {
            std::string key(m.name.GetString(), m.name.GetStringLength());
            auto id = roomIdFromText(key);
            if (!id) {
                error = "rooms: '" + key + "' is not a room id (a positive integer)";
                return false;
            }
            try {
                auto room = std::make_shared<Room>();
                room->config = roomConfigFromJson(m.value, *id);
                room->from_config = true;
                rooms_[*id] = room;
            } catch (const SfuError &e) {
                error = "rooms/" + key + ": " + e.what();
                return false;
            }
        }
    }
    store_ = std::make_unique<RoomStore>(host().storage_open(&host()));
    if (!store_->ok()) log(PORTUNUS_LOG_WARN, "permanent rooms unavailable: " + store_->error());
    std::vector<std::string> skipped;
    for (auto &config : store_->load(skipped)) {
        if (rooms_.count(config.id)) {
            log(PORTUNUS_LOG_WARN, "stored room " + std::to_string(config.id) + " ignored: the config file has it");
            continue;
        }
        auto room = std::make_shared<Room>();
        room->config = std::move(config);
        room->permanent = true;
        rooms_[room->config.id] = room;
    }
    for (const auto &s : skipped) log(PORTUNUS_LOG_WARN, "stored room skipped: " + s);
    tick_timer_ = host().timer_start(&host(), nullptr, kTickMs, kTickMs, [](void *self) { static_cast<Sfu *>(self)->tick(); }, this);
    log(PORTUNUS_LOG_INFO, std::to_string(rooms_.size()) + " rooms");
    return true;
}

void Sfu::destroy() {
    if (tick_timer_) host().timer_cancel(&host(), tick_timer_);
    std::lock_guard lock(rooms_mutex_);
    rooms_.clear();
}

bool Sfu::createSession(Handle h, std::string &) {
    host().set_handle_data(h.raw(), new Session(h));
    return true;
}

void Sfu::destroySession(Handle h) {
    std::unique_ptr<Session> s(session(h));
    host().set_handle_data(h.raw(), nullptr);
    if (!s) return;
    std::lock_guard session_lock(s->mutex);
    if (!s->room) return;
    std::lock_guard lock(s->room->mutex);
    if (s->participant && s->participant->in_room) removeParticipant(*s->room, *s->participant, "leaving");
    if (s->subscription && s->subscription->in_room) removeSubscription(*s->room, *s->subscription);
}

std::shared_ptr<Room> Sfu::findRoom(uint64_t id) const {
    std::lock_guard lock(rooms_mutex_);
    auto it = rooms_.find(id);
    if (it == rooms_.end()) throw SfuError(kErrorNoSuchRoom, "No such room (" + std::to_string(id) + ")");
    return it->second;
}

Result Sfu::handleMessage(Handle h, std::string_view transaction, std::string_view body_text, std::string_view jsep) {
    Session *s = session(h);
    try {
        rapidjson::Document body = parseObject(body_text);
        std::string name = reqString(body, "request");
        auto authority = ticketAuthority(h, name, body).value_or(Authority::secret);
        if (auto reply = syncRequest(name, body, authority)) return Result::ok(*reply);
        if (!isAsyncRequest(name)) throw SfuError(kErrorInvalidRequest, "Unknown request '" + name + "'");
        Request r{*s, body, jsep, name};
        AsyncReply reply;
        try {
            reply = asyncRequest(r);
        } catch (const SfuError &e) {
            log(h, PORTUNUS_LOG_INFO, name + " refused: " + e.what());
            reply = {errorEvent(e.code(), e.what()), {}};
        }
        pushEvent(h, transaction, reply.event, reply.jsep);
        if (reply.offer_after) sendQueuedOffer(*s);
        return Result::wait();
    } catch (const SfuError &e) {
        return Result::ok(errorEvent(e.code(), e.what()));
    }
}

Result Sfu::handleAdminMessage(std::string_view request) {
    try {
        rapidjson::Document body = parseObject(request);
        std::string name = reqString(body, "request");
        if (!admin_key_.empty() && name == "create" && optString(body, "admin_key") != admin_key_)
            throw SfuError(kErrorUnauthorized, "Unauthorized (wrong admin_key)");
        if (auto reply = syncRequest(name, body)) return Result::ok(*reply);
        throw SfuError(kErrorInvalidRequest, "Unknown request '" + name + "' (admin API: synchronous requests only)");
    } catch (const SfuError &e) {
        return Result::ok(errorEvent(e.code(), e.what()));
    }
}

std::string Sfu::querySession(Handle h) {
    Session *s = session(h);
    rapidjson::Document d(rapidjson::kObjectType);
    auto &a = d.GetAllocator();
    std::lock_guard session_lock(s->mutex);
    if (!s->room) {
        d.AddMember("role", "none", a);
        return toJson(d);
    }
    std::lock_guard lock(s->room->mutex);
    d.AddMember("room", s->room->config.id, a);
    if (s->participant) {
        d.AddMember("role", "publisher", a);
        d.AddMember("id", s->participant->id, a);
        d.AddMember("in_room", s->participant->in_room, a);
        d.AddMember("active", s->participant->active, a);
        d.AddMember("publisher", publisherJson(*s->participant, s->room->config.audiolevel_event, a), a);
    } else if (s->subscription) {
        d.AddMember("role", "subscriber", a);
        d.AddMember("paused", s->subscription->paused, a);
        d.AddMember("streams", slotsJson(s->subscription->slots, a), a);
    }
    return toJson(d);
}

void Sfu::setupMedia(Handle h) {
    Session *s = session(h);
    std::lock_guard session_lock(s->mutex);
    if (!s->room) return;
    if (s->subscription) {
        // What was forwarded before the subscriber could decrypt it is lost:
        // start each stream again from a fresh keyframe, as Janus does.
        std::lock_guard lock(s->room->mutex);
        for (const auto &t : s->subscription->targets)
            if (t) t->generation.fetch_add(1, std::memory_order_acq_rel);
        return;
    }
    if (!s->participant) return;
    Room &room = *s->room;
    std::lock_guard lock(room.mutex);
    Participant &p = *s->participant;
    if (!p.in_room || !p.publishing() || p.active) return;
    p.active = true;
    // Janus announces a publisher once its PeerConnection is up.
    notifyParticipants(room, publisherEvent(room, p), &p);
}

void Sfu::incomingRtp(Handle h, const portunus_rtp &packet) {
    if (Session *s = session(h)) s->publisher_path->onRtp(host(), h.raw(), packet);
}

void Sfu::incomingRtcp(Handle h, const portunus_rtcp &packet) {
    if (Session *s = session(h)) s->subscriber_path->onRtcp(host(), packet);
}

void Sfu::hangupMedia(Handle h) {
    Session *s = session(h);
    std::lock_guard session_lock(s->mutex);
    if (!s->room || !s->participant) return;
    std::lock_guard lock(s->room->mutex);
    if (s->participant->in_room && s->participant->publishing()) stopPublishing(*s->room, *s->participant, true);
}

// Talking events and the publishers' feedback settings. It runs on a loop
// that may carry media too, so it allocates nothing unless an event is due.
void Sfu::tick() {
    std::vector<std::shared_ptr<Room>> &rooms = tick_rooms_; // reused: keeps its capacity
    {
        std::lock_guard lock(rooms_mutex_);
        for (const auto &[id, room] : rooms_) rooms.push_back(room);
    }
    for (const auto &room : rooms) {
        std::lock_guard lock(room->mutex);
        const RoomConfig &c = room->config;
        for (const auto &[id, p] : room->participants) {
            if (!p->active) continue;
            for (auto &stream : p->streams) {
                if (!c.audiolevel_event || !stream.media || stream.kind != MediaKind::audio) continue;
                bool talking = stream.media->talking.load(std::memory_order_acquire);
                if (talking == stream.talking) continue;
                stream.talking = talking;
                auto event = roomEvent(talking ? "talking" : "stopped-talking", c.id);
                auto &a = event.GetAllocator();
                event.AddMember("id", p->id, a);
                event.AddMember("mindex", stream.mindex, a);
                event.AddMember("mid", str(stream.mid, a), a);
                event.AddMember("audio-level-dBov-avg", stream.media->level_average.load(std::memory_order_relaxed), a);
                notifyParticipants(*room, toJson(event));
            }
            uint32_t bitrate = p->bitrate && (!c.bitrate_cap || !c.bitrate) ? p->bitrate : c.bitrate;
            if (p->bitrate && c.bitrate_cap && c.bitrate) bitrate = std::min(p->bitrate, c.bitrate);
            p->path->setFeedback(bitrate, int64_t(c.fir_freq) * 1000000);
        }
    }
    rooms.clear();
}

} // namespace portunus::sfu

namespace {
constexpr const char *kAliases[] = {"janus.plugin.videoroom", nullptr};
} // namespace

PORTUNUS_EXPORT_PLUGIN(portunus::sfu::Sfu, {
    .package = "portunus.plugin.sfu",
    .name = "SFU",
    .description = "Video rooms: publishers and multistream subscribers; answers Janus videoroom requests.",
    .version = 1,
    .version_string = "0.1.0",
    .aliases = kAliases,
    .config_schema = portunus::sfu::kConfigSchema,
})
