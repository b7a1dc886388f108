// The signaling half of a WebRTC client: the Janus client API over one
// WebSocket (subprotocol "janus-protocol"), as janus.js uses it — create,
// attach, message with a JSEP offer, trickle — with the server's asynchronous
// messages (trickle, webrtcup, media, hangup) handed to an event callback.
//
// Two threads: a reader routes each message to the request waiting for its
// transaction, or else to the event callback; a writer sends what post()
// queued (so a media loop can trickle without blocking on the socket) and a
// keepalive every 25 s once a session exists. request() may be called from
// any thread but the reader's.
#pragma once

#include "support/json.hpp"
#include "support/timeouts.hpp"
#include "support/ws_client.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace portunus::test {

class JanusSignaling {
public:
    // Messages that answer no pending request: {"janus":"trickle"|"webrtcup"|...}.
    // Called on the reader thread.
    using EventHandler = std::function<void(const Json &event)>;

    JanusSignaling(uint16_t ws_port, EventHandler on_event);
    ~JanusSignaling(); // destroys the session (when there is one), closes the socket
    JanusSignaling(const JanusSignaling &) = delete;
    JanusSignaling &operator=(const JanusSignaling &) = delete;

    // Creates the session and attaches a handle (presenting `ticket`, a join
    // ticket, unless empty); throws unless both succeed.
    void open(const std::string &plugin, const std::string &ticket = "");
    uint64_t session() const { return session_; }
    uint64_t handle() const { return handle_; }

    // Sends a plugin message with a JSEP (type + sdp) and returns the plugin's
    // "event" that answers it (skipping the "ack"). Throws on an error reply
    // or when nothing comes within `timeout`.
    Json message(const Json &body, const Json &jsep, std::chrono::milliseconds timeout = kEventTimeout);

    // Trickles one candidate ("candidate:…") of m-line `mindex`, or
    // end-of-candidates for an empty one. Does not block (queued).
    void trickle(const std::string &candidate, const std::string &mid, uint16_t mindex);

    // Sends `request` (session/handle ids and a transaction added) and returns
    // the first reply carrying its transaction for which `accept` is true.
    Json request(
        Json request, const std::function<bool(const Json &)> &accept = [](const Json &) { return true; },
        std::chrono::milliseconds timeout = kEventTimeout);
    // Queues `request` (ids and a transaction added); the reply goes nowhere.
    void post(Json request);

private:
    Json addIds(Json request) const;
    void readLoop();
    void writeLoop();

    WsClient ws_;
    EventHandler on_event_;
    std::atomic<uint64_t> session_{0};
    std::atomic<uint64_t> handle_{0};

    std::mutex send_mutex_; // WsClient allows one write at a time

    std::mutex mutex_;
    std::condition_variable changed_;
    std::map<std::string, std::deque<Json>> replies_; // by transaction, for pending requests
    std::deque<Json> outbox_;
    bool stopping_ = false;

    std::thread reader_;
    std::thread writer_;
};

} // namespace portunus::test
