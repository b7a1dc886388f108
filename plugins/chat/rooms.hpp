// Rooms as the plugin holds them in memory: settings, members, moderation
// state (muted, banned, allowed tokens). Permanent rooms are also in storage.
// Guarded by the chat service's mutex.
#pragma once

#include "config.hpp"
#include "errors.hpp"
#include "peer.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace portunus::chat {

struct Member {
    std::shared_ptr<Peer> peer;
    std::string display;
    Front front = Front::signaling;
};

struct Room {
    uint64_t id = 0;
    RoomSettings settings;
    bool permanent = false;
    std::map<std::string, Member> members; // by username
    std::set<std::string> muted, banned;
    bool check_allowed = false;
    std::set<std::string> allowed;

    // 419 unless `secret` opens the room (rooms without a secret are open).
    void checkSecret(const std::optional<std::string> &secret) const;
    bool isModerator(const std::optional<std::string> &secret) const;
    void checkPin(const std::optional<std::string> &pin) const;
    const Member &member(const std::string &username) const; // 423
};

// Where one room's event goes: a member, and the way it reaches them.
struct Recipient {
    std::shared_ptr<Peer> peer;
    Front front;
};

class Rooms {
public:
    Room &get(uint64_t id); // 417
    Room *find(uint64_t id);
    Room &add(uint64_t id, RoomSettings settings, bool permanent); // 418 when it exists
    void remove(uint64_t id) { rooms_.erase(id); }
    bool exists(uint64_t id) const { return rooms_.count(id) != 0; }
    const std::map<uint64_t, Room> &all() const { return rooms_; }

    // Everyone in the room, or (names non-empty) those named plus `also`.
    static std::vector<Recipient> recipients(const Room &room, const std::vector<std::string> &names = {},
                                             const std::string &also = {});

private:
    std::map<uint64_t, Room> rooms_;
};

// Usernames are non-empty, at most 128 bytes, without control characters.
void checkUsername(const std::string &name);

} // namespace portunus::chat
