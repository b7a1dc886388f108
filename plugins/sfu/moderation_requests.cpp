// Synchronous moderation requests: kick, ban/unban, moderate (mute a
// publisher's m-line) and lock. Each tells the affected participant and the
// rest of the room what happened. A client needs the room's secret, or a
// join ticket granting "moderate" in the room.
#include "sfu.hpp"

#include "permissions.hpp"

namespace portunus::sfu {

std::optional<Authority> Sfu::ticketAuthority(Handle h, const std::string &name, const Value &body) const {
    bool moderation = name == "kick" || name == "ban" || name == "unban" || name == "moderate" || name == "lock";
    std::string_view ticket = claims(h);
    if (!moderation || ticket.empty()) return std::nullopt;
    uint64_t room_id = reqUint(body, "room");
    if (!mayModerate(ticket) || !mayJoin(ticket, room_id))
        throw SfuError(kErrorUnauthorized, "Unauthorized (the join ticket does not grant moderate in room " +
                                               std::to_string(room_id) + ")");
    return Authority::ticket;
}

void Sfu::expel(Room &room, Participant &p, const char *reason) {
    auto own = roomEvent("event", room.config.id);
    auto &a = own.GetAllocator();
    own.AddMember("leaving", "ok", a);
    own.AddMember("reason", rapidjson::StringRef(reason), a);
    pushEvent(p.handle.get(), {}, toJson(own));
    HandleRef handle = p.handle;
    removeParticipant(room, p, "kicked");
    closeLater(handle);
}

std::string Sfu::kick(const Value &body, Authority authority) {
    auto room = findRoom(body);
    std::lock_guard lock(room->mutex);
    if (authority == Authority::secret) room->checkSecret(body);
    uint64_t id = reqUint(body, "id");
    const bool and_ban = optBool(body, "ban").value_or(false);
    Participant *p = &room->member(id);
    if (and_ban) room->banned.insert(id);
    expel(*room, *p, and_ban ? "banned" : "kicked");
    return toJson(roomEvent("success", room->config.id));
}

std::string Sfu::ban(const Value &body, bool banned, Authority authority) {
    auto room = findRoom(body);
    std::lock_guard lock(room->mutex);
    if (authority == Authority::secret) room->checkSecret(body);
    uint64_t id = reqUint(body, "id");
    if (banned) {
        room->banned.insert(id);
        if (Participant *p = room->participant(id)) expel(*room, *p, "banned");
    } else {
        room->banned.erase(id);
    }
    auto d = roomEvent("success", room->config.id);
    auto &a = d.GetAllocator();
    Value list(rapidjson::kArrayType);
    for (uint64_t b : room->banned) list.PushBack(b, a);
    d.AddMember("banned", list, a);
    return toJson(d);
}

std::string Sfu::moderate(const Value &body, Authority authority) {
    auto room = findRoom(body);
    std::lock_guard lock(room->mutex);
    if (authority == Authority::secret) room->checkSecret(body);
    uint64_t id = reqUint(body, "id");
    std::string mid = reqString(body, "mid");
    bool mute = reqBool(body, "mute");
    Participant *p = &room->member(id);
    PublisherStream *s = p->stream(mid);
    if (!s) throw SfuError(kErrorInvalidElement, "No such mid " + mid + " for user " + std::to_string(id));
    if (s->moderated != mute) {
        s->moderated = mute;
        syncPublisher(*room, *p);
        auto event = roomEvent("event", room->config.id);
        auto &a = event.GetAllocator();
        event.AddMember("id", id, a);
        event.AddMember("mid", str(mid, a), a);
        event.AddMember("moderation", rapidjson::StringRef(mute ? "muted" : "unmuted"), a);
        notifyParticipants(*room, toJson(event));
    }
    return toJson(roomEvent("success", room->config.id));
}

std::string Sfu::lock(const Value &body, Authority authority) {
    auto room = findRoom(body);
    std::lock_guard lock(room->mutex);
    if (authority == Authority::secret) room->checkSecret(body);
    bool locked = reqBool(body, "locked");
    if (room->locked != locked) {
        room->locked = locked;
        auto event = roomEvent("event", room->config.id);
        event.AddMember("locked", locked, event.GetAllocator());
        notifyParticipants(*room, toJson(event));
    }
    auto d = roomEvent("success", room->config.id);
    d.AddMember("locked", locked, d.GetAllocator());
    return toJson(d);
}

} // namespace portunus::sfu
