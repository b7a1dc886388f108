// The core's moderation (admin API "moderate") applied to the sfu's rooms.
// The channel is the room whose id is the channel_id, as join tickets map
// them; the user is whoever's join ticket names the user_uid. A ban or kick
// expels the user's publishers before the core ends their sessions; a
// timeout unpublishes them now and refuses publishing until it ends.
#include "sfu.hpp"

#include "ticket_claims.hpp"

namespace portunus::sfu {

namespace {

// {"videoroom":"event","room":id,"moderation":action[,"until":s]}, told to the user.
std::string userEvent(uint64_t room_id, std::string_view action, int64_t until) {
    auto event = roomEvent("event", room_id);
    auto &a = event.GetAllocator();
    event.AddMember("moderation", Value(action.data(), static_cast<rapidjson::SizeType>(action.size()), a), a);
    if (action == "timeout") event.AddMember("until", until, a);
    return toJson(event);
}

} // namespace

void Sfu::checkNotTimedOut(Handle h) const {
    auto ticket = plugins::parseTicketClaims(claims(h));
    if (ticket && userTimedOut(ticket->channel_id, ticket->user_uid))
        throw SfuError(kErrorTimedOut,
                       "Timed out in channel " + ticket->channel_id + ": publishing is refused until it ends");
}

void Sfu::moderationEvent(std::string_view channel_id, std::string_view user_uid, std::string_view action,
                          int64_t until) {
    auto id = roomIdFromText(channel_id);
    std::shared_ptr<Room> room;
    {
        std::lock_guard lock(rooms_mutex_);
        auto it = id ? rooms_.find(*id) : rooms_.end();
        if (it == rooms_.end()) return;
        room = it->second;
    }
    std::lock_guard lock(room->mutex);
    if (action == "lock" || action == "unlock") {
        auto event = roomEvent("event", room->config.id);
        event.AddMember("locked", action == "lock", event.GetAllocator());
        notifyParticipants(*room, toJson(event));
        return;
    }
    std::vector<std::shared_ptr<Participant>> concerned;
    for (const auto &[pid, p] : room->participants) {
        auto ticket = plugins::parseTicketClaims(claims(p->handle.get()));
        if (ticket && ticket->user_uid == user_uid) concerned.push_back(p);
    }
    for (const auto &p : concerned) {
        if (action == "ban" || action == "kick") {
            expel(*room, *p, "kicked");
            continue;
        }
        if (action != "timeout" && action != "untimeout") continue;
        if (action == "timeout" && p->publishing()) {
            stopPublishing(*room, *p, true);
            closeLater(p->handle);
        }
        pushEvent(p->handle.get(), {}, userEvent(room->config.id, action, until));
    }
    log(PORTUNUS_LOG_INFO, std::string(action) + " of user " + std::string(user_uid) + ": " +
                               std::to_string(concerned.size()) + " participants in room " +
                               std::to_string(room->config.id));
}

} // namespace portunus::sfu
