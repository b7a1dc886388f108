// The default Backplane: every device, user and scope of this process in
// memory. Expiry and inactivity are kept as ordered deadlines, so expire()
// touches only what is due; scopes keep their members ordered by user id, so
// a page resumes after its cursor and a paging client sees each member once.
#pragma once

#include "backplane.hpp"
#include "user_store.hpp"

#include <map>
#include <set>
#include <unordered_map>
#include <utility>

namespace portunus::presence {

class InProcessBackplane final : public Backplane {
public:
    struct Limits {
        size_t max_scope_members = 10000;
        std::chrono::seconds away_after{600};
    };

    InProcessBackplane(Limits limits, UserStore &store, Listener &listener);

    TrackResult track(DeviceId device, const std::string &user, const std::string &scope, std::chrono::seconds ttl,
                      const Instant &now) override;
    bool untrack(DeviceId device, const std::string &scope, const Instant &now) override;
    bool heartbeat(DeviceId device, const Instant &now) override;
    bool activity(DeviceId device, const Instant &now) override;
    void setStatusText(const std::string &user, const std::string &text, const Instant &now) override;
    void removeDevice(DeviceId device, const Instant &now) override;
    void expire(const Instant &now) override;

    Page list(const std::string &scope, const std::string &cursor, size_t limit) const override;
    MemberView lookup(const std::string &scope, const std::string &user) const override;
    Counts counts(const std::string &scope) const override;

    size_t scopeCount() const { return scopes_.size(); }

private:
    struct Device {
        std::string user;
        std::vector<std::string> scopes;
        std::chrono::seconds ttl{0};
        SteadyTime expires_at;
        SteadyTime away_at;
        bool away = false;
    };
    struct User {
        std::vector<DeviceId> devices;
        std::string status_text;
        int64_t last_seen_ms = 0;
    };
    struct Member {
        std::vector<DeviceId> devices;
        Status status = Status::offline; // as last reported
        size_t reported_devices = 0;
    };
    struct Scope {
        std::map<std::string, Member, std::less<>> members;
        Counts counts;
    };
    using Deadline = std::pair<SteadyTime, DeviceId>;

    User &userFor(const std::string &name, const Instant &now);
    void seen(Device &device, const Instant &now);
    void schedule(DeviceId id, Device &device, const Instant &now, bool active);
    void drop(DeviceId id, int64_t last_seen_ms);
    // Recomputes a member from its devices and reports it when it changed.
    void refresh(const std::string &scope_name, const std::string &user);
    MemberView view(const std::string &user, const Member *member) const;
    Status memberStatus(const Member &member) const;
    static void count(Counts &counts, Status status, int delta);

    const Limits limits_;
    UserStore &store_;
    Listener &listener_;
    std::unordered_map<DeviceId, Device> devices_;
    std::unordered_map<std::string, User> users_; // users with at least one device
    std::unordered_map<std::string, Scope> scopes_; // scopes with at least one member
    std::set<Deadline> expiries_;
    std::set<Deadline> aways_;
};

} // namespace portunus::presence
