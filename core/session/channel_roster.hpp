// Who is in each channel, from the join tickets of attached handles. A
// participant is a user on a device, however many handles it has (a
// videoroom publisher and its subscriber handles are one participant), and
// sends as many media tracks as its handles' current descriptions say.
// Enforces limits.max_participants_per_channel and
// limits.max_tracks_per_participant; handles without a ticket are not
// counted (plugins' own room limits apply to them). Control plane only.
#pragma once

#include "observe/log.hpp"

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace portunus {

namespace sdp {
struct SessionDescription;
}

class ChannelRoster {
public:
    struct Limits {
        unsigned max_participants = 0; // per channel; 0 = unlimited
        unsigned max_tracks = 0;       // sent by one participant; 0 = unlimited
    };

    void setLimits(Limits limits);

    // Counts the handle in its subject's channel; throws ApiError 488 when the
    // channel is full and the participant is not in it yet.
    void enter(const log::Subject &who, uint64_t handle_id);
    void leave(const log::Subject &who, uint64_t handle_id);
    // The handle's description now sends `tracks` audio/video tracks; throws
    // ApiError 489 (nothing changed) when its participant would send more
    // than the limit.
    void setSendingTracks(const log::Subject &who, uint64_t handle_id, unsigned tracks);
    // The audio/video sections a description sends (sendrecv or sendonly, not rejected).
    static unsigned tracksSent(const sdp::SessionDescription &description);

    size_t participants(const std::string &channel_id) const;
    uint64_t refusedParticipants() const { return refused_participants_.load(std::memory_order_relaxed); }
    uint64_t refusedTracks() const { return refused_tracks_.load(std::memory_order_relaxed); }

private:
    using Participant = std::pair<std::string, std::string>; // user_uid, device_id
    using Handles = std::map<uint64_t, unsigned>;           // handle id -> tracks it sends
    using Channel = std::map<Participant, Handles>;

    // The participant's handles, or null. Under mutex_.
    Handles *find(const log::Subject &who);

    mutable std::mutex mutex_;
    Limits limits_;
    std::map<std::string, Channel> channels_;
    std::atomic<uint64_t> refused_participants_{0};
    std::atomic<uint64_t> refused_tracks_{0};
};

} // namespace portunus
