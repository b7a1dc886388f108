// Room requests: the data channel's setup, room management, join and leave.
#include "chat_service.hpp"
#include "events.hpp"

#include <charconv>
#include <random>

namespace portunus::chat {

namespace {

// Janus textroom's offer: one data channel section, made by the core.
constexpr std::string_view kDataOffer = R"({"streams":[{"mid":"0","kind":"data"}]})";

std::string participantsOf(const Room &room, const std::string &except = {}) {
    JsonArray out;
    for (const auto &[name, m] : room.members) {
        if (name == except) continue;
        JsonOut p;
        p.add("username", name);
        if (!m.display.empty()) p.add("display", m.display);
        out.push(p.str());
    }
    return out.str();
}

uint64_t randomRoomId(const Rooms &rooms) {
    static thread_local std::mt19937_64 random{std::random_device{}()};
    uint64_t id;
    do id = random() % (1ull << 53) + 1; // stays exact in JavaScript numbers
    while (rooms.exists(id));
    return id;
}

} // namespace

void ChatService::setup(const Origin &o, const Request &r, std::string_view) {
    if (o.front != Front::signaling) throw ChatError(kInvalidRequest, std::string(verbName(r.verb)) + " is a Janus API request");
    JsonOut ok;
    ok.add("textroom", "event").add("result", "ok");
    if (r.verb == Verb::ack) return o.reply(ok.str()); // the core has applied the answer already
    std::string sdp = plugin_.sdpOffer(kDataOffer);
    if (sdp.empty()) throw ChatError(kUnknownError, "Cannot offer a data channel");
    o.reply(ok.str(), JsonOut().add("type", "offer").add("sdp", sdp).str());
}

void ChatService::create(const Origin &o, const Request &r) {
    if (!config_.admin_key.empty() && r.admin_key != config_.admin_key)
        throw ChatError(kUnauthorized, "Unauthorized (wrong admin_key)");
    bool permanent = r.permanent.value_or(false);
    StoredRoom stored;
    {
        std::lock_guard lock(mutex_);
        stored.id = r.room.value_or(0) ? *r.room : randomRoomId(rooms_);
        RoomSettings s;
        s.description = r.description.value_or("Room " + std::to_string(stored.id));
        s.secret = r.secret.value_or("");
        s.pin = r.pin.value_or("");
        s.is_private = r.is_private.value_or(false);
        s.max_members = static_cast<uint32_t>(std::min<uint64_t>(r.max_members.value_or(0), config_.max_members));
        stored.settings = rooms_.add(stored.id, s, permanent).settings;
    }
    std::string reply = success(o.transaction).add("room", stored.id).add("permanent", permanent).str();
    if (!permanent) return o.reply(reply);
    writer_->submit([stored](Store &store, Sequencer &) { store.saveRoom(stored); },
                    [this, o, reply, id = stored.id](const std::optional<ChatError> &error) {
                        if (!error) return o.reply(reply);
                        {
                            std::lock_guard lock(mutex_);
                            rooms_.remove(id);
                        }
                        fail(o, *error);
                    });
}

void ChatService::editRoom(const Origin &o, const Request &r) {
    StoredRoom stored;
    bool persist;
    {
        std::lock_guard lock(mutex_);
        Room &room = rooms_.get(r.needRoom());
        room.checkSecret(r.secret);
        RoomSettings &s = room.settings;
        if (r.new_description) s.description = *r.new_description;
        if (r.new_secret) s.secret = *r.new_secret;
        if (r.new_pin) s.pin = *r.new_pin;
        if (r.new_is_private) s.is_private = *r.new_is_private;
        if (r.new_max_members) s.max_members = static_cast<uint32_t>(std::min<uint64_t>(*r.new_max_members, config_.max_members));
        persist = room.permanent && r.permanent.value_or(false);
        stored = StoredRoom{room.id, s};
    }
    std::string reply = success(o.transaction).add("room", stored.id).str();
    if (!persist) return o.reply(reply);
    writer_->submit([stored](Store &store, Sequencer &) { store.saveRoom(stored); },
                    [this, o, reply](const std::optional<ChatError> &error) { error ? fail(o, *error) : o.reply(reply); });
}

void ChatService::destroy(const Origin &o, const Request &r) {
    uint64_t id = r.needRoom();
    std::vector<Recipient> to;
    bool permanent;
    {
        std::lock_guard lock(mutex_);
        Room &room = rooms_.get(id);
        room.checkSecret(r.secret);
        permanent = room.permanent;
        to = Rooms::recipients(room);
        for (const auto &[name, m] : room.members) m.peer->rooms.erase(id);
        rooms_.remove(id);
        typing_.forgetRoom(id);
        pacer_.forgetRoom(id);
    }
    sendAll(to, event("destroyed", id).str());
    std::string reply = success(o.transaction).add("room", id).str();
    if (!permanent) return o.reply(reply);
    writer_->submit([id](Store &store, Sequencer &) { store.deleteRoom(id); },
                    [this, o, reply](const std::optional<ChatError> &error) { error ? fail(o, *error) : o.reply(reply); });
}

void ChatService::exists(const Origin &o, const Request &r) {
    uint64_t id = r.needRoom();
    bool found;
    {
        std::lock_guard lock(mutex_);
        found = rooms_.exists(id);
    }
    o.reply(success(o.transaction).add("room", id).add("exists", found).str());
}

void ChatService::list(const Origin &o, const Request &) {
    JsonArray list;
    {
        std::lock_guard lock(mutex_);
        for (const auto &[id, room] : rooms_.all()) {
            if (room.settings.is_private) continue;
            list.push(JsonOut()
                          .add("room", id)
                          .add("description", room.settings.description)
                          .add("pin_required", !room.settings.pin.empty())
                          .add("num_participants", static_cast<uint64_t>(room.members.size()))
                          .add("permanent", room.permanent)
                          .str());
        }
    }
    o.reply(success(o.transaction).raw("list", list.str()).str());
}

void ChatService::listParticipants(const Origin &o, const Request &r) {
    std::string participants;
    {
        std::lock_guard lock(mutex_);
        participants = participantsOf(rooms_.get(r.needRoom()));
    }
    o.reply(success(o.transaction).add("room", *r.room).raw("participants", participants).str());
}

void ChatService::allowed(const Origin &o, const Request &r) {
    JsonArray tokens;
    {
        std::lock_guard lock(mutex_);
        Room &room = rooms_.get(r.needRoom());
        room.checkSecret(r.secret);
        const std::string &action = Request::need(r.action, "action");
        if (action == "enable") room.check_allowed = true;
        else if (action == "disable") room.check_allowed = false;
        else if (action == "add") room.allowed.insert(r.allowed.begin(), r.allowed.end());
        else if (action == "remove")
            for (const auto &t : r.allowed) room.allowed.erase(t);
        else throw ChatError(kInvalidElement, "Invalid element (action: enable, disable, add or remove)");
        for (const auto &t : room.allowed) tokens.pushString(t);
    }
    o.reply(success(o.transaction).add("room", *r.room).raw("allowed", tokens.str()).str());
}

void ChatService::moderate(const Origin &o, const Request &r) {
    uint64_t id = r.needRoom();
    const std::string &user = r.needUsername();
    std::vector<Recipient> to;
    {
        std::lock_guard lock(mutex_);
        Room &room = rooms_.get(id);
        checkModerator(o, room, r);
        bool present = room.members.count(user) != 0;
        if (r.verb == Verb::kick && !present) room.member(user); // 423
        if (r.verb == Verb::mute) room.muted.insert(user);
        if (r.verb == Verb::unmute) room.muted.erase(user);
        if (r.verb == Verb::ban) room.banned.insert(user);
        if (r.verb == Verb::unban) room.banned.erase(user);
        if ((r.verb == Verb::kick || r.verb == Verb::ban) && present) to = expel(room, user);
    }
    if (!to.empty()) sendAll(to, event("kicked", id).add("username", user).str());
    o.reply(success(o.transaction).add("room", id).add("username", user).str());
}

void ChatService::checkModerator(const Origin &o, const Room &room, const Request &r) const {
    const auto &ticket = o.peer->ticket;
    if (!ticket) return room.checkSecret(r.secret);
    if (!ticket->allows("moderate") || ticket->channel_id != std::to_string(room.id))
        throw ChatError(kUnauthorized, "Unauthorized (the join ticket does not grant moderate in room " +
                                           std::to_string(room.id) + ")");
}

void ChatService::onModeration(std::string_view channel_id, std::string_view user_uid, std::string_view action) {
    if (action != "ban" && action != "kick") return;
    uint64_t id = 0;
    auto [end, ec] = std::from_chars(channel_id.data(), channel_id.data() + channel_id.size(), id);
    if (ec != std::errc() || end != channel_id.data() + channel_id.size()) return;
    std::vector<std::pair<std::string, std::vector<Recipient>>> kicked; // username, who hears it
    {
        std::lock_guard lock(mutex_);
        Room *room = rooms_.find(id);
        if (!room) return;
        std::vector<std::string> names;
        for (const auto &[name, m] : room->members)
            if (m.peer->ticket && m.peer->ticket->user_uid == user_uid) names.push_back(name);
        for (const auto &name : names) kicked.emplace_back(name, expel(*room, name));
    }
    for (const auto &[name, to] : kicked) sendAll(to, event("kicked", id).add("username", name).str());
}

void ChatService::join(const Origin &o, const Request &r) {
    uint64_t id = r.needRoom();
    const std::string &user = r.needUsername();
    checkUsername(user);
    std::vector<Recipient> others;
    std::string reply;
    {
        std::lock_guard lock(mutex_);
        Room &room = rooms_.get(id);
        if (room.banned.count(user)) throw ChatError(kBanned, "Banned from room " + std::to_string(id));
        room.checkPin(r.pin);
        if (room.check_allowed && (!r.token || !room.allowed.count(*r.token)))
            throw ChatError(kUnauthorized, "Unauthorized (not in the allowed list)");
        if (o.peer->rooms.count(id)) throw ChatError(kAlreadyInRoom, "Already in room " + std::to_string(id));
        if (room.members.count(user)) throw ChatError(kUsernameExists, "Username " + user + " already taken");
        uint32_t limit = room.settings.max_members ? room.settings.max_members : config_.max_members;
        if (room.members.size() >= limit) throw ChatError(kRoomFull, "Room " + std::to_string(id) + " is full");
        others = Rooms::recipients(room);
        room.members[user] = Member{o.peer, r.display.value_or(""), o.front};
        o.peer->rooms[id] = user;
        // Read under the same lock that made us a member: every later commit
        // reaches us live, every earlier one is at or below last_sequence.
        auto last = committed_.find(id);
        Cursor c = book_.cursor(id, user);
        reply = success(o.transaction)
                    .add("room", id)
                    .raw("participants", participantsOf(room, user))
                    .add("last_sequence", last == committed_.end() ? uint64_t{0} : last->second)
                    .add("delivered", c.delivered)
                    .add("read", c.read)
                    .str();
    }
    o.reply(reply);
    JsonOut joined = event("join", id);
    joined.add("username", user);
    if (r.display) joined.add("display", *r.display);
    sendAll(others, joined.str());
}

void ChatService::leave(const Origin &o, const Request &r) {
    uint64_t id = r.needRoom();
    std::vector<Recipient> others;
    std::string user;
    {
        std::lock_guard lock(mutex_);
        user = memberName(*o.peer, id);
        Room *room = rooms_.find(id);
        if (room) others = removeMember(*room, user);
        o.peer->rooms.erase(id);
    }
    o.reply(success(o.transaction).add("room", id).str());
    sendAll(others, event("leave", id).add("username", user).str());
}

std::vector<Recipient> ChatService::expel(Room &room, const std::string &username) {
    Member kicked = room.members[username];
    kicked.peer->rooms.erase(room.id);
    auto to = removeMember(room, username);
    to.push_back({kicked.peer, kicked.front});
    return to;
}

std::vector<Recipient> ChatService::removeMember(Room &room, const std::string &username) {
    room.members.erase(username);
    typing_.forget(room.id, username);
    return Rooms::recipients(room);
}

} // namespace portunus::chat
