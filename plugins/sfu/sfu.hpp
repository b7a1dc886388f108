// The sfu plugin ("portunus.plugin.sfu", alias "janus.plugin.videoroom"):
// Janus videoroom's request set over rooms of publishers and multistream
// subscribers. The class is split by concern over several files:
//   sfu.cpp                 lifecycle, sessions, dispatch, media callbacks, the periodic tick
//   room_requests.cpp       create/edit/destroy/exists/list/listparticipants/allowed (synchronous)
//   moderation_requests.cpp kick, ban, moderate, lock (synchronous)
//   moderation_events.cpp   the core's moderation (ban, kick, timeout, lock) applied to rooms
//   publisher_requests.cpp  join/publish/configure/unpublish/leave of publishers
//   subscriber_requests.cpp join/subscribe/unsubscribe/update/start/pause/configure/switch/leave
//   media_sync.cpp          plans for the media path, built from a room and posted to its loop
//
// Locks: Session::mutex, then the directory's mutex or a Room::mutex, never
// the other way round; none is taken on the media path.
#pragma once

#include "events.hpp"
#include "room.hpp"
#include "room_store.hpp"

#include <portunus/plugin.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

namespace portunus::sfu {

// join, publish, start...: answered by an event after the ack.
bool isAsyncRequest(const std::string &name);

// {"type":"answer"|"offer","sdp":...}
std::string jsepAnswer(const std::string &sdp);
std::string jsepOffer(const std::string &sdp);

// A room id written as text (a channel_id, a config key): nullopt unless a positive integer.
std::optional<uint64_t> roomIdFromText(std::string_view text);

// Who asks for a moderation request: a client with the room's secret (or the
// admin API), or a handle whose join ticket grants "moderate" in the room.
enum class Authority { secret, ticket };

// The publishers a subscription's active m-lines come from.
std::set<uint64_t> feedsOf(const Subscription &s);

// A handle's state: what it joined as, and its media path (used on its loop).
struct Session {
    explicit Session(Handle h) : handle(h) {}
    const Handle handle;
    std::mutex mutex;
    std::shared_ptr<Room> room;
    std::shared_ptr<Participant> participant;   // joined as publisher
    std::shared_ptr<Subscription> subscription; // joined as subscriber
    const std::shared_ptr<PublisherPath> publisher_path = std::make_shared<PublisherPath>();
    const std::shared_ptr<SubscriberPath> subscriber_path = std::make_shared<SubscriberPath>();
};

// The answer to an asynchronous request: the event and its JSEP, if any.
struct AsyncReply {
    std::string event;
    std::string jsep;
    bool offer_after = false; // a subscriber's queued offer goes out after this reply
};

// One request being handled.
struct Request {
    Session &session;
    const Value &body;
    std::string_view jsep; // JSON text, empty when none
    std::string name;
};

class Sfu final : public Plugin {
public:
    bool init(std::string_view config_json, std::string &error) override;
    void destroy() override;
    bool createSession(Handle h, std::string &error) override;
    void destroySession(Handle h) override;
    Result handleMessage(Handle h, std::string_view transaction, std::string_view body, std::string_view jsep) override;
    Result handleAdminMessage(std::string_view request) override;
    std::string querySession(Handle h) override;
    void setupMedia(Handle h) override;
    void incomingRtp(Handle h, const portunus_rtp &packet) override;
    void incomingRtcp(Handle h, const portunus_rtcp &packet) override;
    void hangupMedia(Handle h) override;
    void moderationEvent(std::string_view channel_id, std::string_view user_uid, std::string_view action,
                         int64_t until) override;

private:
    Session *session(Handle h) const { return static_cast<Session *>(host().handle_data(h.raw())); }
    std::shared_ptr<Room> findRoom(uint64_t id) const; // 426 when absent
    std::shared_ptr<Room> findRoom(const Value &body) const { return findRoom(reqUint(body, "room")); }
    void tick();

    // Synchronous requests; nullopt when `name` is not one.
    std::optional<std::string> syncRequest(const std::string &name, const Value &body,
                                           Authority authority = Authority::secret);
    std::string create(const Value &body);
    std::string edit(const Value &body);
    std::string destroyRoom(const Value &body);
    std::string exists(const Value &body);
    std::string list(const Value &body);
    std::string listParticipants(const Value &body);
    std::string allowed(const Value &body);
    std::string kick(const Value &body, Authority authority);
    std::string ban(const Value &body, bool banned, Authority authority);
    std::string moderate(const Value &body, Authority authority);
    std::string lock(const Value &body, Authority authority);
    // A client's kick/ban/unban/moderate/lock: with a join ticket it needs
    // "moderate" in the room (433 otherwise) and no secret; nullopt when `name`
    // is not a moderation request or the handle has no ticket.
    std::optional<Authority> ticketAuthority(Handle h, const std::string &name, const Value &body) const;
    // 442 when the handle's ticket user is timed out in the core's moderation.
    void checkNotTimedOut(Handle h) const;
    // Removes a participant on a moderator's order; its client gets leaving/reason.
    void expel(Room &room, Participant &p, const char *reason);

    // Asynchronous requests.
    AsyncReply asyncRequest(Request &r);
    AsyncReply joinPublisher(Request &r, bool and_configure);
    // 441 unless the handle's join ticket (if any) is for this room.
    void checkChannel(const Request &r, uint64_t room_id);
    AsyncReply configurePublisher(Request &r, bool publish);
    AsyncReply unpublish(Request &r);
    AsyncReply leavePublisher(Request &r);
    AsyncReply joinSubscriber(Request &r);
    AsyncReply subscriberRequest(Request &r);
    AsyncReply updateSubscription(Request &r);
    AsyncReply switchFeeds(Request &r);
    AsyncReply configureSubscriber(Request &r, Room &room, Subscription &s);
    AsyncReply configureLocked(Request &r, Room &room, Participant &p, bool publish);

    // Publisher and subscriber helpers shared by requests and media callbacks (room mutex held).
    std::string answerOffer(Request &r, Room &room, Participant &p);
    void stopPublishing(Room &room, Participant &p, bool notify);
    void removeParticipant(Room &room, Participant &p, const char *event_key);
    void subscribe(Room &room, Subscription &s, const Value &streams);
    void unsubscribe(Subscription &s, const Value &streams);
    void renegotiate(Room &room, Subscription &s, const char *kind, std::string_view transaction = {});
    // The subscriber's next offer as a JSEP, or "" when one is still
    // unanswered (the change then goes out after the answer).
    std::string offerFor(Subscription &s);
    // A message with the subscriber's answer arrived: true when a queued
    // change now needs an offer (sent with sendQueuedOffer after the reply).
    static bool answered(Subscription &s, std::string_view jsep);
    void sendQueuedOffer(Session &s);
    AsyncReply subscriberCommand(Request &r);
    void removeSubscription(Room &room, Subscription &s);
    void closeRoom(Room &room);
    // close_pc, later on the handle's loop: the core calls hangup_media from
    // close_pc, which takes the locks the caller holds.
    void closeLater(const HandleRef &handle);

    // media_sync.cpp (room mutex held)
    void syncPublisher(Room &room, Participant &p);
    void syncSubscriber(Room &room, Subscription &s);
    void syncFeeds(Room &room, const std::set<uint64_t> &feeds);
    void notifyParticipants(Room &room, const std::string &json, const Participant *except = nullptr);

    mutable std::mutex rooms_mutex_;
    std::map<uint64_t, std::shared_ptr<Room>> rooms_;
    std::unique_ptr<RoomStore> store_;
    std::string admin_key_;
    uint64_t tick_timer_ = 0;
    std::vector<std::shared_ptr<Room>> tick_rooms_; // the tick's, on the control loop
};

} // namespace portunus::sfu
