// Owns every session and handle and their lifecycle: create, attach (the plugin
// is asked), detach (the plugin is told), destroy, keepalive timeouts, and the
// end of the WebSocket that owned a session.
#pragma once

#include "loop/handler_memory.hpp"
#include "session/channel_roster.hpp"
#include "session/session.hpp"

#include <boost/asio/steady_timer.hpp>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace portunus {

class LoopPool;
struct MediaContext;

class SessionManager : public HandleListener {
public:
    // `media` is what the handles' PeerConnections share; it outlives the manager.
    SessionManager(LoopPool &loops, const MediaContext &media, size_t max_queued_events);
    ~SessionManager() override;

    // Lifecycle notifications (webhooks); onHandleDestroyed comes right after
    // the plugin was told destroy_session.
    class Listener {
    public:
        virtual ~Listener() = default;
        virtual void onSessionCreated(uint64_t session_id) = 0;
        virtual void onSessionDestroyed(uint64_t session_id) = 0;
        virtual void onHandleAttached(const Handle &handle) = 0;
        virtual void onHandleDestroyed(const Handle &handle) = 0;
    };
    void setListener(Listener *listener) { listener_ = listener; }

    // Throws ApiError 468 when `wanted_id` is taken.
    std::shared_ptr<Session> create(std::optional<uint64_t> wanted_id);
    std::shared_ptr<Session> find(uint64_t id) const;
    std::vector<std::shared_ptr<Session>> all() const;
    size_t count() const;
    std::shared_ptr<Handle> findHandle(uint64_t handle_id) const;

    // Asks the plugin; throws ApiError 461 when it refuses, 488 when the
    // claims' channel is full. `claims`: the handle's join-ticket claims (JSON
    // object text), "" when it has none.
    std::shared_ptr<Handle> attach(Session &session, const portunus_plugin &plugin, const std::string &name,
                                   const std::string &opaque_id, std::string claims = {});
    // Tells the plugin and, when `notify`, sends the client "detached".
    void detach(Session &session, Handle &handle, bool notify);
    // Ends the handle's PeerConnection (if any) and tells the client "hangup".
    void hangup(Handle &handle, std::string_view reason);
    // Detaches every handle, then forgets the session.
    void destroy(Session &session, bool notify);
    // A WebSocket went away: its sessions go with it.
    void destroyOwnedBy(const EventSink *sink);

    // Participants per channel and the tracks they send (handles with tickets).
    ChannelRoster &roster() { return roster_; }

    // Keepalive expiry, checked once a second on the control loop; 0 disables.
    void startTimeouts(unsigned timeout_s);
    void stop(); // destroys every session, notifying clients

    // HandleListener: what plugins ask of their handles.
    void onHandleHangupRequested(Handle &handle, std::string_view reason) override;
    void onHandleEndRequested(Handle &handle) override;

private:
    uint64_t randomId();
    void sweep();
    void destroyMarked(Session &session, bool notify);

    LoopPool &loops_;
    const MediaContext &media_;
    const size_t max_queued_;
    mutable std::mutex mutex_;
    std::unordered_map<uint64_t, std::shared_ptr<Session>> sessions_;
    std::unordered_map<uint64_t, std::weak_ptr<Handle>> handles_;
    std::mt19937_64 rng_;
    unsigned timeout_s_ = 0;
    std::unique_ptr<boost::asio::steady_timer> sweep_timer_;
    std::vector<std::shared_ptr<Session>> expired_; // the sweep's scratch
    HandlerMemory<2> sweep_memory_;
    Listener *listener_ = nullptr;
    ChannelRoster roster_;
    size_t pending_detaches_ = 0; // posted to handle loops, awaited by stop()
    std::condition_variable detaches_done_;
};

} // namespace portunus
