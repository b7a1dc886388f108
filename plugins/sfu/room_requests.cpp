// Synchronous room requests: create, edit, destroy, exists, list,
// listparticipants, allowed (and the moderation ones, moderation_requests.cpp).
// Answered in the reply itself, errors included, as Janus does.
#include "sfu.hpp"

#include <algorithm>
#include <random>

namespace portunus::sfu {

namespace {

uint64_t randomId() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    return rng() % 9'000'000'000'000'000ull + 1; // stays exact in a JavaScript number
}

std::string replyWith(rapidjson::Document &d) { return toJson(d); }

} // namespace

std::optional<std::string> Sfu::syncRequest(const std::string &name, const Value &body, Authority authority) {
    if (name == "create") return create(body);
    if (name == "edit") return edit(body);
    if (name == "destroy") return destroyRoom(body);
    if (name == "exists") return exists(body);
    if (name == "list") return list(body);
    if (name == "listparticipants") return listParticipants(body);
    if (name == "allowed") return allowed(body);
    if (name == "kick") return kick(body, authority);
    if (name == "ban") return ban(body, true, authority);
    if (name == "unban") return ban(body, false, authority);
    if (name == "moderate") return moderate(body, authority);
    if (name == "lock") return lock(body, authority);
    return std::nullopt;
}

std::string Sfu::create(const Value &body) {
    auto requested = optUint(body, "room");
    if (requested && *requested == 0) throw SfuError(kErrorInvalidElement, "Invalid element (room should be a positive integer)");
    const bool permanent = optBool(body, "permanent").value_or(false);
    auto room = std::make_shared<Room>();
    room->config = roomConfigFromJson(body, requested.value_or(1));
    {
        std::lock_guard lock(rooms_mutex_);
        uint64_t id = requested.value_or(0);
        if (id && rooms_.count(id)) throw SfuError(kErrorRoomExists, "Room " + std::to_string(id) + " already exists");
        while (!id || rooms_.count(id)) id = randomId();
        if (!requested) room->config = roomConfigFromJson(body, id);
        room->config.id = id;
        room->permanent = permanent && store_->save(room->config);
        if (permanent && !room->permanent) log(PORTUNUS_LOG_WARN, "room " + std::to_string(id) + " not stored: " + store_->error());
        rooms_[id] = room;
    }
    log(PORTUNUS_LOG_INFO, "room " + std::to_string(room->config.id) + " created");
    auto d = roomEvent("created", room->config.id);
    d.AddMember("permanent", room->permanent, d.GetAllocator());
    return replyWith(d);
}

std::string Sfu::edit(const Value &body) {
    auto room = findRoom(body);
    const bool permanent = optBool(body, "permanent").value_or(false);
    std::lock_guard lock(room->mutex);
    room->checkSecret(body);
    applyEdit(room->config, body);
    bool stored = false;
    if (permanent && !room->from_config) {
        stored = store_->save(room->config);
        room->permanent = room->permanent || stored;
    }
    for (const auto &[id, p] : room->participants) syncPublisher(*room, *p); // bitrate/fir changes
    auto d = roomEvent("edited", room->config.id);
    d.AddMember("permanent", stored, d.GetAllocator());
    return replyWith(d);
}

std::string Sfu::destroyRoom(const Value &body) {
    auto room = findRoom(body);
    const bool permanent = optBool(body, "permanent").value_or(false);
    {
        std::lock_guard lock(room->mutex);
        room->checkSecret(body);
        closeRoom(*room);
    }
    {
        std::lock_guard lock(rooms_mutex_);
        rooms_.erase(room->config.id);
    }
    bool removed = permanent && room->permanent && store_->remove(room->config.id);
    log(PORTUNUS_LOG_INFO, "room " + std::to_string(room->config.id) + " destroyed");
    auto d = roomEvent("destroyed", room->config.id);
    d.AddMember("permanent", removed, d.GetAllocator());
    return replyWith(d);
}

void Sfu::closeRoom(Room &room) {
    room.destroyed = true;
    notifyParticipants(room, toJson(roomEvent("destroyed", room.config.id)));
    for (auto &[id, p] : room.participants) {
        p->in_room = false;
        stopPublishing(room, *p, false);
        closeLater(p->handle);
    }
    for (auto &s : room.subscriptions) {
        s->in_room = false;
        closeLater(s->handle);
    }
    room.participants.clear();
    room.subscriptions.clear();
}

std::string Sfu::exists(const Value &body) {
    uint64_t id = reqUint(body, "room");
    bool found;
    {
        std::lock_guard lock(rooms_mutex_);
        found = rooms_.count(id) > 0;
    }
    auto d = roomEvent("success", id);
    d.AddMember("exists", found, d.GetAllocator());
    return replyWith(d);
}

std::string Sfu::list(const Value &body) {
    // Private rooms are listed only with the admin_key (or when none is set, through the admin API's secret).
    const bool all = !admin_key_.empty() && optString(body, "admin_key") == admin_key_;
    std::vector<std::shared_ptr<Room>> rooms;
    {
        std::lock_guard lock(rooms_mutex_);
        for (const auto &[id, room] : rooms_) rooms.push_back(room);
    }
    rapidjson::Document d(rapidjson::kObjectType);
    auto &a = d.GetAllocator();
    d.AddMember("videoroom", "success", a);
    Value entries(rapidjson::kArrayType);
    for (const auto &room : rooms) {
        std::lock_guard lock(room->mutex);
        if (room->config.is_private && !all) continue;
        entries.PushBack(roomListEntry(room->config, room->participants.size(), a), a);
    }
    d.AddMember("list", entries, a);
    return replyWith(d);
}

std::string Sfu::listParticipants(const Value &body) {
    auto room = findRoom(body);
    std::lock_guard lock(room->mutex);
    auto d = roomEvent("participants", room->config.id);
    auto &a = d.GetAllocator();
    Value list(rapidjson::kArrayType);
    for (const auto &[id, p] : room->participants) {
        Value o(rapidjson::kObjectType);
        o.AddMember("id", id, a);
        if (!p->display.empty()) o.AddMember("display", str(p->display, a), a);
        o.AddMember("publisher", p->active && p->publishing(), a);
        if (room->config.audiolevel_event) {
            bool talking = false;
            for (const auto &s : p->streams) talking = talking || s.talking;
            o.AddMember("talking", talking, a);
        }
        list.PushBack(o, a);
    }
    d.AddMember("participants", list, a);
    return replyWith(d);
}

std::string Sfu::allowed(const Value &body) {
    auto room = findRoom(body);
    std::lock_guard lock(room->mutex);
    room->checkSecret(body);
    std::string action = reqString(body, "action");
    auto tokens = optStrings(body, "allowed");
    auto &allowed = room->config.allowed;
    if (action == "enable") {
        if (!allowed) allowed.emplace();
    } else if (action == "disable") {
        allowed.reset();
    } else if (action == "add" || action == "remove") {
        if (!tokens) throw SfuError(kErrorMissingElement, "Missing mandatory element (allowed)");
        if (!allowed) allowed.emplace();
        for (const auto &t : *tokens) {
            auto it = std::find(allowed->begin(), allowed->end(), t);
            if (action == "add" && it == allowed->end()) allowed->push_back(t);
            if (action == "remove" && it != allowed->end()) allowed->erase(it);
        }
    } else {
        throw SfuError(kErrorInvalidElement, "Unsupported action '" + action + "' (allowed)");
    }
    if (room->permanent) store_->save(room->config);
    auto d = roomEvent("success", room->config.id);
    auto &a = d.GetAllocator();
    if (allowed) {
        Value list(rapidjson::kArrayType);
        for (const auto &t : *allowed) list.PushBack(str(t, a), a);
        d.AddMember("allowed", list, a);
    }
    return replyWith(d);
}

} // namespace portunus::sfu
