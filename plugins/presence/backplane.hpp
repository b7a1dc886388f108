// The seam all presence state goes through: who tracks which scope on which
// device, heartbeats, activity, status text, expiry, and the reads (pages,
// counts, single users). InProcessBackplane keeps it in this process; a
// multi-node implementation (Redis) can sit behind the same interface.
//
// Changes come back through the Listener, synchronously, from inside the call
// that caused them. Callers serialise their calls (the plugin holds one lock).
#pragma once

#include "presence_types.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace portunus::presence {

class Backplane {
public:
    class Listener {
    public:
        virtual ~Listener() = default;
        // A member's status, device count or status text changed in a scope.
        virtual void onMemberChanged(const MemberChange &change) = 0;
        // A device's TTL lapsed (after its members' changes were reported).
        virtual void onDeviceExpired(DeviceId device) = 0;
    };

    enum class TrackResult { tracked, scope_full };

    struct Page {
        std::vector<MemberView> members;      // in user order
        std::optional<std::string> next;      // the cursor of the next page, none at the end
        Counts counts;                        // of the whole scope
    };

    virtual ~Backplane() = default;

    // Adds `device` (of `user`) to `scope`, or refreshes it when it is there.
    // Counts as a heartbeat and as activity. A device keeps the user and TTL
    // of its first track.
    virtual TrackResult track(DeviceId device, const std::string &user, const std::string &scope,
                              std::chrono::seconds ttl, const Instant &now) = 0;
    // False when the device does not track the scope. A device that tracks
    // nothing any more is forgotten.
    virtual bool untrack(DeviceId device, const std::string &scope, const Instant &now) = 0;
    // False when the device is unknown (never tracked, or expired).
    virtual bool heartbeat(DeviceId device, const Instant &now) = 0;
    // The user did something on this device: it is online again if it was away.
    virtual bool activity(DeviceId device, const Instant &now) = 0;
    virtual void setStatusText(const std::string &user, const std::string &text, const Instant &now) = 0;
    // The device's session ended: it goes offline now.
    virtual void removeDevice(DeviceId device, const Instant &now) = 0;
    // Applies TTL expiry and inactivity (away) due at `now`.
    virtual void expire(const Instant &now) = 0;

    // Members after `cursor` (exclusive; "" = from the start), at most `limit`.
    virtual Page list(const std::string &scope, const std::string &cursor, size_t limit) const = 0;
    // One user as the scope shows it; offline (with the last-seen known) when absent.
    virtual MemberView lookup(const std::string &scope, const std::string &user) const = 0;
    virtual Counts counts(const std::string &scope) const = 0;
};

} // namespace portunus::presence
