// A client session: its handles, its keepalive clock, and its events — sent
// straight to the owning WebSocket, or queued for HTTP long-polls.
#pragma once

#include "session/event_sink.hpp"
#include "session/handle.hpp"

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace portunus {

class Session : public std::enable_shared_from_this<Session> {
public:
    using Clock = std::chrono::steady_clock;
    // Receives up to `max` queued events, exactly once.
    using PollCallback = std::function<void(std::vector<std::string>)>;

    Session(uint64_t id, size_t max_queued_events);

    uint64_t id() const { return id_; }
    void touch();
    Clock::time_point lastActivity() const;

    // The WebSocket that created or last used this session receives its events.
    void setSink(const std::shared_ptr<EventSink> &sink);
    bool ownedBy(const EventSink *sink) const;

    void pushEvent(std::string json);

    // While held, events wait, so that the reply to a request goes out before
    // the events the plugin pushed while serving it (as clients expect).
    void holdEvents();
    void releaseEvents();

    // Long-poll: answers at once when events are queued, else parks the callback
    // until an event arrives. Returns a poll id for cancelPoll.
    uint64_t poll(size_t max, PollCallback callback);
    // True when the poll was still parked (the caller then answers it itself).
    bool cancelPoll(uint64_t poll_id);
    // Answers every parked poll now with what is queued (the session is ending).
    void closePolls();

    void addHandle(std::shared_ptr<Handle> handle);
    std::shared_ptr<Handle> handle(uint64_t id) const;
    std::shared_ptr<Handle> removeHandle(uint64_t id);
    std::vector<std::shared_ptr<Handle>> handles() const;
    size_t queuedEvents() const;

    // Set once when the session starts being destroyed; later requests see it gone.
    bool markDestroyed();
    bool destroyed() const;

private:
    struct Poll {
        uint64_t id;
        size_t max;
        PollCallback callback;
    };
    std::vector<std::string> takeLocked(size_t max);

    const uint64_t id_;
    const size_t max_queued_;
    mutable std::mutex mutex_;
    Clock::time_point last_activity_;
    std::weak_ptr<EventSink> sink_;
    std::deque<std::string> queue_;
    std::deque<Poll> polls_;
    uint64_t next_poll_id_ = 1;
    std::map<uint64_t, std::shared_ptr<Handle>> handles_;
    bool destroyed_ = false;
    int hold_ = 0;
    std::vector<std::string> held_;
};

} // namespace portunus
