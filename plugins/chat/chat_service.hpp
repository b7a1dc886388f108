// The chat service: one behaviour behind both front ends. A request arrives
// parsed (request.hpp) with the peer that sent it and the front it came by;
// the service checks it against the rooms, has the writer store what must be
// durable, and answers and fans out once the write has committed.
//
// Threads: requests come from loop threads (Janus API messages, data channel
// messages) and touch the in-memory state under one mutex, never doing I/O
// under it. Writes happen on the writer thread, whose completions answer and
// fan out in commit (= sequence) order; history reads on the reader thread;
// receipt fan-out and archive sweeps on host timers.
#pragma once

#include "config.hpp"
#include "reader.hpp"
#include "receipts.hpp"
#include "request.hpp"
#include "rate_limiter.hpp"
#include "rooms.hpp"
#include "typing.hpp"
#include "writer.hpp"

#include <portunus/plugin.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace portunus::chat {

// Who asked, by which way, under which transaction: where the answer goes.
struct Origin {
    std::shared_ptr<Peer> peer;
    Front front = Front::signaling;
    std::string envelope;    // signaling: the Janus message's transaction, on the event
    std::string transaction; // in the answer's JSON: the request's own, else the envelope's

    void reply(const std::string &json, std::string_view jsep = {}) const { peer->send(front, envelope, json, jsep); }
};

class ChatService {
public:
    // What a sequenced write hands its completion: the row as stored (or
    // found again for a retried client_msg_id) and who else sees it.
    struct Outcome {
        MessageRow row;
        bool duplicate = false;
        std::string also; // edit/delete: the original's author
    };

    ChatService(const portunus::Plugin &plugin, ChatConfig config);
    ~ChatService(); // stop()
    // Opens storage, loads rooms, cursors and sequences, starts the threads
    // and timers. False + error when storage is unusable.
    bool start(std::string &error);
    void stop();

    // A request as JSON text, from either front. Signaling passes the Janus
    // transaction (and a JSEP, if any); the data channel's is in the JSON.
    void serve(const std::shared_ptr<Peer> &peer, Front front, std::string_view transaction, std::string_view json,
               std::string_view jsep = {});
    // The peer is gone (detached) or lost its data channel: it leaves its rooms.
    void leaveAll(const std::shared_ptr<Peer> &peer, bool only_datachannel);

    // For query_session: the peer's rooms.
    std::string describe(const Peer &peer);

    // The core's moderation (moderation_event): a ban or kick in the channel
    // whose id is a room's removes the members whose ticket names the user,
    // and the room hears "kicked". Timeouts are read when a member sends.
    void onModeration(std::string_view channel_id, std::string_view user_uid, std::string_view action);

private:
    void dispatch(const Origin &origin, const Request &req, std::string_view jsep);
    void fail(const Origin &origin, const ChatError &error) const;

    // room_requests.cpp
    void setup(const Origin &o, const Request &r, std::string_view jsep);
    void create(const Origin &o, const Request &r);
    void editRoom(const Origin &o, const Request &r);
    void destroy(const Origin &o, const Request &r);
    void exists(const Origin &o, const Request &r);
    void list(const Origin &o, const Request &r);
    void listParticipants(const Origin &o, const Request &r);
    void allowed(const Origin &o, const Request &r);
    void moderate(const Origin &o, const Request &r);
    void join(const Origin &o, const Request &r);
    void leave(const Origin &o, const Request &r);
    // The member leaves (or is kicked from) the room; returns the event's recipients.
    std::vector<Recipient> removeMember(Room &room, const std::string &username);
    // Kicked: as removeMember, and the member hears it too.
    std::vector<Recipient> expel(Room &room, const std::string &username);
    // Kick or ban: 419 unless the room's secret, or a join ticket granting
    // "moderate" in the room (for a handle that has one).
    void checkModerator(const Origin &o, const Room &room, const Request &r) const;

    // message_requests.cpp
    void message(const Origin &o, const Request &r, bool announcement);
    void editMessage(const Origin &o, const Request &r, bool remove);
    void typing(const Origin &o, const Request &r);
    // After the commit: answer the sender, then fan out in sequence order.
    void deliver(const Origin &o, const Outcome &outcome, bool ack);
    void checkText(const std::string &text) const;
    // With a join ticket: 449 without "chat", 450 while the core has the user
    // timed out (reads sqlite: never under mutex_).
    void checkMaySend(const Origin &o) const;

    // sync_requests.cpp
    void history(const Origin &o, const Request &r);
    void receipt(const Origin &o, const Request &r);
    void receipts(const Origin &o, const Request &r);
    void scheduleReceipts(uint64_t room, int64_t delay_ms); // under mutex_
    void flushReceipts(uint64_t room);
    void sweepArchive();

    // The username of the peer in the room (422 when it has not joined). Under mutex_.
    const std::string &memberName(const Peer &peer, uint64_t room) const;
    void noteCommitted(uint64_t room, uint64_t sequence); // under mutex_
    static void sendAll(const std::vector<Recipient> &to, const std::string &json);

    const portunus::Plugin &plugin_;
    ChatConfig config_;
    std::unique_ptr<Writer> writer_;
    std::unique_ptr<Reader> reader_;
    uint64_t sweep_timer_ = 0;
    struct ReceiptTimer {
        ChatService *service;
        uint64_t room;
        uint64_t id;
    };

    mutable std::mutex mutex_;
    Rooms rooms_;
    ReceiptBook book_;
    ReceiptPacer pacer_;
    TypingThrottle typing_;
    RateLimiter limiter_;
    std::unordered_map<uint64_t, uint64_t> committed_; // room -> last committed sequence
    std::map<uint64_t, ReceiptTimer> receipt_timers_;  // room -> its pending receipts event (stable nodes)
    bool stopped_ = false;
};

// Milliseconds: wall clock (message timestamps) and steady clock (limits).
int64_t wallMs();
int64_t steadyMs();

} // namespace portunus::chat
