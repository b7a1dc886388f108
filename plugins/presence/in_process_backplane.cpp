#include "in_process_backplane.hpp"

#include <algorithm>

namespace portunus::presence {

namespace {
template <typename T>
void eraseValue(std::vector<T> &v, const T &value) {
    v.erase(std::remove(v.begin(), v.end(), value), v.end());
}
} // namespace

InProcessBackplane::InProcessBackplane(Limits limits, UserStore &store, Listener &listener)
    : limits_(limits), store_(store), listener_(listener) {}

Backplane::TrackResult InProcessBackplane::track(DeviceId id, const std::string &user, const std::string &scope_name,
                                                 std::chrono::seconds ttl, const Instant &now) {
    auto scope = scopes_.find(scope_name);
    bool joins = scope == scopes_.end() || !scope->second.members.contains(user);
    if (joins && scope != scopes_.end() && scope->second.members.size() >= limits_.max_scope_members)
        return TrackResult::scope_full;
    auto [it, created] = devices_.try_emplace(id);
    Device &device = it->second;
    if (created) {
        device.user = user;
        device.ttl = ttl;
        userFor(user, now).devices.push_back(id);
    }
    seen(device, now);
    schedule(id, device, now, true);
    if (std::find(device.scopes.begin(), device.scopes.end(), scope_name) == device.scopes.end()) {
        device.scopes.push_back(scope_name);
        scopes_[scope_name].members[device.user].devices.push_back(id);
    }
    // Tracking is activity: a device that was away is online in all its scopes.
    for (const auto &s : device.scopes) refresh(s, device.user);
    return TrackResult::tracked;
}

bool InProcessBackplane::untrack(DeviceId id, const std::string &scope_name, const Instant &now) {
    auto it = devices_.find(id);
    if (it == devices_.end()) return false;
    Device &device = it->second;
    auto pos = std::find(device.scopes.begin(), device.scopes.end(), scope_name);
    if (pos == device.scopes.end()) return false;
    device.scopes.erase(pos);
    if (device.scopes.empty()) {
        // The member leaves this scope with the device itself.
        device.scopes.push_back(scope_name);
        drop(id, now.wall_ms);
        return true;
    }
    auto &members = scopes_[scope_name].members;
    if (auto m = members.find(device.user); m != members.end()) eraseValue(m->second.devices, id);
    refresh(scope_name, device.user);
    return true;
}

bool InProcessBackplane::heartbeat(DeviceId id, const Instant &now) {
    auto it = devices_.find(id);
    if (it == devices_.end()) return false;
    seen(it->second, now);
    schedule(id, it->second, now, false);
    return true;
}

bool InProcessBackplane::activity(DeviceId id, const Instant &now) {
    auto it = devices_.find(id);
    if (it == devices_.end()) return false;
    Device &device = it->second;
    bool was_away = device.away;
    seen(device, now);
    schedule(id, device, now, true);
    if (was_away)
        for (const auto &s : device.scopes) refresh(s, device.user);
    return true;
}

void InProcessBackplane::setStatusText(const std::string &user, const std::string &text, const Instant &now) {
    auto it = users_.find(user);
    if (it == users_.end()) {
        UserRecord record = store_.load(user).value_or(UserRecord{user, now.wall_ms, {}});
        record.status_text = text;
        store_.save(record);
        return;
    }
    User &u = it->second;
    if (u.status_text == text) return;
    u.status_text = text;
    store_.save({user, u.last_seen_ms, text});
    std::vector<std::string> reported;
    for (DeviceId d : u.devices)
        for (const auto &s : devices_.at(d).scopes) {
            if (std::find(reported.begin(), reported.end(), s) != reported.end()) continue;
            reported.push_back(s);
            const Member &m = scopes_.at(s).members.at(user);
            listener_.onMemberChanged({s, view(user, &m)});
        }
}

void InProcessBackplane::removeDevice(DeviceId id, const Instant &now) {
    if (devices_.contains(id)) drop(id, now.wall_ms);
}

void InProcessBackplane::expire(const Instant &now) {
    // A lapsed TTL: the user was last seen at its last heartbeat, not now.
    while (!expiries_.empty() && expiries_.begin()->first <= now.steady) {
        DeviceId id = expiries_.begin()->second;
        drop(id, users_.at(devices_.at(id).user).last_seen_ms);
        listener_.onDeviceExpired(id);
    }
    while (!aways_.empty() && aways_.begin()->first <= now.steady) {
        DeviceId id = aways_.begin()->second;
        aways_.erase(aways_.begin());
        Device &device = devices_.at(id);
        device.away = true;
        for (const auto &s : device.scopes) refresh(s, device.user);
    }
}

Backplane::Page InProcessBackplane::list(const std::string &scope_name, const std::string &cursor, size_t limit) const {
    Page page;
    auto scope = scopes_.find(scope_name);
    if (scope == scopes_.end()) return page;
    const auto &members = scope->second.members;
    page.counts = scope->second.counts;
    auto it = cursor.empty() ? members.begin() : members.upper_bound(cursor);
    for (; it != members.end() && page.members.size() < limit; ++it) page.members.push_back(view(it->first, &it->second));
    if (it != members.end() && !page.members.empty()) page.next = page.members.back().user;
    return page;
}

MemberView InProcessBackplane::lookup(const std::string &scope_name, const std::string &user) const {
    if (auto scope = scopes_.find(scope_name); scope != scopes_.end())
        if (auto m = scope->second.members.find(user); m != scope->second.members.end()) return view(user, &m->second);
    return view(user, nullptr);
}

Counts InProcessBackplane::counts(const std::string &scope_name) const {
    auto scope = scopes_.find(scope_name);
    return scope == scopes_.end() ? Counts{} : scope->second.counts;
}

InProcessBackplane::User &InProcessBackplane::userFor(const std::string &name, const Instant &now) {
    auto [it, created] = users_.try_emplace(name);
    if (created) {
        if (auto record = store_.load(name)) it->second.status_text = record->status_text;
        it->second.last_seen_ms = now.wall_ms;
        store_.save({name, now.wall_ms, it->second.status_text});
    }
    return it->second;
}

void InProcessBackplane::seen(Device &device, const Instant &now) { users_.at(device.user).last_seen_ms = now.wall_ms; }

void InProcessBackplane::schedule(DeviceId id, Device &device, const Instant &now, bool active) {
    expiries_.erase({device.expires_at, id});
    device.expires_at = now.steady + device.ttl;
    expiries_.insert({device.expires_at, id});
    if (!active) return;
    aways_.erase({device.away_at, id});
    device.away = false;
    device.away_at = now.steady + limits_.away_after;
    aways_.insert({device.away_at, id});
}

void InProcessBackplane::drop(DeviceId id, int64_t last_seen_ms) {
    auto it = devices_.find(id);
    Device device = std::move(it->second);
    devices_.erase(it);
    expiries_.erase({device.expires_at, id});
    aways_.erase({device.away_at, id});
    User &user = users_.at(device.user);
    eraseValue(user.devices, id);
    bool gone = user.devices.empty();
    if (gone) {
        user.last_seen_ms = last_seen_ms;
        store_.save({device.user, last_seen_ms, user.status_text});
    }
    for (const auto &s : device.scopes) {
        auto &members = scopes_.at(s).members;
        if (auto m = members.find(device.user); m != members.end()) eraseValue(m->second.devices, id);
        refresh(s, device.user);
    }
    if (gone) users_.erase(device.user);
}

void InProcessBackplane::refresh(const std::string &scope_name, const std::string &user) {
    auto scope = scopes_.find(scope_name);
    if (scope == scopes_.end()) return;
    auto &members = scope->second.members;
    auto it = members.find(user);
    if (it == members.end()) return;
    Member &m = it->second;
    Status status = memberStatus(m);
    if (status == m.status && m.devices.size() == m.reported_devices) return;
    count(scope->second.counts, m.status, -1);
    count(scope->second.counts, status, +1);
    m.status = status;
    m.reported_devices = m.devices.size();
    MemberChange change{scope_name, view(user, &m)};
    if (m.devices.empty()) {
        members.erase(it);
        if (members.empty()) scopes_.erase(scope);
    }
    listener_.onMemberChanged(change);
}

MemberView InProcessBackplane::view(const std::string &user, const Member *member) const {
    MemberView v;
    v.user = user;
    if (member) {
        v.status = member->status;
        v.devices = static_cast<uint32_t>(member->devices.size());
    }
    if (auto u = users_.find(user); u != users_.end()) {
        v.status_text = u->second.status_text;
        v.last_seen_ms = u->second.last_seen_ms;
    } else if (auto record = store_.load(user)) {
        v.status_text = record->status_text;
        v.last_seen_ms = record->last_seen_ms;
    }
    return v;
}

Status InProcessBackplane::memberStatus(const Member &member) const {
    Status best = Status::offline;
    for (DeviceId d : member.devices) best = std::max(best, devices_.at(d).away ? Status::away : Status::online);
    return best;
}

void InProcessBackplane::count(Counts &counts, Status status, int delta) {
    uint64_t *n = status == Status::online ? &counts.online : status == Status::away ? &counts.away : nullptr;
    if (n) *n = delta > 0 ? *n + 1 : *n - 1;
}

} // namespace portunus::presence
