#include "rooms.hpp"

#include <algorithm>

namespace portunus::chat {

void Room::checkSecret(const std::optional<std::string> &secret) const {
    if (!isModerator(secret)) throw ChatError(kUnauthorized, "Unauthorized (wrong secret)");
}

bool Room::isModerator(const std::optional<std::string> &secret) const {
    return settings.secret.empty() || (secret && *secret == settings.secret);
}

void Room::checkPin(const std::optional<std::string> &pin) const {
    if (!settings.pin.empty() && (!pin || *pin != settings.pin)) throw ChatError(kUnauthorized, "Unauthorized (wrong pin)");
}

const Member &Room::member(const std::string &username) const {
    auto it = members.find(username);
    if (it == members.end()) throw ChatError(kNoSuchUser, "No such user " + username + " in room " + std::to_string(id));
    return it->second;
}

Room &Rooms::get(uint64_t id) {
    Room *room = find(id);
    if (!room) throw ChatError(kNoSuchRoom, "No such room (" + std::to_string(id) + ")");
    return *room;
}

Room *Rooms::find(uint64_t id) {
    auto it = rooms_.find(id);
    return it == rooms_.end() ? nullptr : &it->second;
}

Room &Rooms::add(uint64_t id, RoomSettings settings, bool permanent) {
    auto [it, fresh] = rooms_.try_emplace(id);
    if (!fresh) throw ChatError(kRoomExists, "Room " + std::to_string(id) + " already exists");
    it->second.id = id;
    it->second.settings = std::move(settings);
    it->second.permanent = permanent;
    return it->second;
}

std::vector<Recipient> Rooms::recipients(const Room &room, const std::vector<std::string> &names,
                                         const std::string &also) {
    std::vector<Recipient> out;
    for (const auto &[name, m] : room.members)
        if (names.empty() || name == also || std::find(names.begin(), names.end(), name) != names.end())
            out.push_back({m.peer, m.front});
    return out;
}

void checkUsername(const std::string &name) {
    bool control = std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; });
    if (name.empty() || name.size() > 128 || control)
        throw ChatError(kInvalidElement, "Invalid element (username: 1 to 128 bytes, no control characters)");
}

} // namespace portunus::chat
