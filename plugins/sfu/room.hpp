// A room's control-plane state: its settings, participants (publishers,
// whether or not they publish yet), subscriptions, lock and ban list. Every
// field is guarded by Room::mutex; nothing here is read on the media path,
// which gets plans built from it (media_sync).
#pragma once

#include "media_path.hpp"
#include "room_config.hpp"
#include "subscriber_slots.hpp"

#include <portunus/plugin.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace portunus::sfu {

struct PublisherStream {
    uint32_t mindex = 0;
    std::string mid;
    MediaKind kind = MediaKind::audio;
    std::string codec;
    std::string description;
    bool simulcast = false;
    bool disabled = false;
    bool moderated = false; // muted by a moderator
    bool send = true;       // the publisher's own configure "send"
    bool talking = false;   // as last announced
    std::shared_ptr<StreamMedia> media; // null for data and disabled m-lines
};

struct Participant {
    uint64_t id = 0;
    uint32_t private_id = 0;
    std::string display;
    HandleRef handle;
    std::shared_ptr<PublisherPath> path;
    bool in_room = true;     // false once it left or was kicked
    bool active = false;     // its PeerConnection is up (Janus: an active publisher)
    std::vector<PublisherStream> streams; // empty: not publishing
    uint32_t bitrate = 0;    // its own REMB cap, 0 = the room's
    uint64_t plan_version = 0;
    bool publishing() const { return !streams.empty(); }
    PublisherStream *stream(const std::string &mid);
};

struct Subscription {
    HandleRef handle;
    std::shared_ptr<SubscriberPath> path;
    uint32_t owner_private_id = 0;
    bool in_room = true;
    bool paused = false;
    std::vector<SubscriberSlot> slots;
    std::vector<std::shared_ptr<Target>> targets; // by mindex, parallel to slots
    uint64_t plan_version = 0;
    // One offer at a time, as JSEP wants: a change while ours is unanswered
    // waits for the answer, then goes out in one new offer.
    bool offer_pending = false;
    bool offer_wanted = false;
};

struct Room {
    std::mutex mutex;
    RoomConfig config;
    bool permanent = false;   // in the store
    bool from_config = false; // from plugins.d/sfu.jsonc
    bool destroyed = false;
    bool locked = false;
    std::set<uint64_t> banned;
    std::map<uint64_t, std::shared_ptr<Participant>> participants;
    std::vector<std::shared_ptr<Subscription>> subscriptions;

    Participant *participant(uint64_t id);
    Participant &member(uint64_t id); // 428 when absent
    size_t publisherCount() const;
    // A handle already in the room, for colocating a new one (empty if none).
    Handle anchor() const;
    void checkSecret(const Value &request) const; // 429 / 433 unless the secret matches (or none is set)
};

} // namespace portunus::sfu
