#include "presence_service.hpp"

#include "in_process_backplane.hpp"
#include "names.hpp"
#include "presence_error.hpp"
#include "presence_json.hpp"

#include <rapidjson/document.h>

#include <algorithm>

namespace portunus::presence {

struct PresenceService::Client {
    Client(DeviceId i, void *t, std::optional<std::string> ticket, const PresenceConfig &c)
        : id(i), tag(t), ticket_user(std::move(ticket)), limiter(c.requests_per_s, c.request_burst) {}
    DeviceId id;
    void *tag;
    std::optional<std::string> ticket_user;
    std::optional<std::string> user; // set by the first track: a handle is one user's device
    uint32_t interval_s = 0;
    std::vector<std::string> tracked;
    std::vector<std::string> watched;
    RateLimiter limiter;
    bool limited = false; // refusing floods since the last warning
};

namespace {

using Request = rapidjson::Value;

const Request *field(const Request &req, const char *key) {
    auto it = req.FindMember(key);
    return it == req.MemberEnd() ? nullptr : &it->value;
}

[[noreturn]] void invalid(const std::string &reason) { throw PresenceError(ErrorCode::invalid_element, reason); }

std::optional<std::string> optionalString(const Request &req, const char *key) {
    const Request *v = field(req, key);
    if (!v) return std::nullopt;
    if (!v->IsString()) invalid(std::string(key) + " should be a string");
    return std::string(v->GetString(), v->GetStringLength());
}

std::string requiredString(const Request &req, const char *key) {
    auto s = optionalString(req, key);
    if (!s) invalid(std::string("missing ") + key);
    return *s;
}

std::optional<uint32_t> optionalUint(const Request &req, const char *key, uint32_t min, uint32_t max) {
    const Request *v = field(req, key);
    if (!v) return std::nullopt;
    if (!v->IsUint() || v->GetUint() < min || v->GetUint() > max)
        invalid(std::string(key) + " should be an integer from " + std::to_string(min) + " to " + std::to_string(max));
    return v->GetUint();
}

bool optionalBool(const Request &req, const char *key, bool fallback) {
    const Request *v = field(req, key);
    if (!v) return fallback;
    if (!v->IsBool()) invalid(std::string(key) + " should be a boolean");
    return v->GetBool();
}

bool contains(const std::vector<std::string> &v, const std::string &s) { return std::find(v.begin(), v.end(), s) != v.end(); }

// {"presence": word, ...fields}
template <typename Fields>
std::string replyJson(std::string_view word, Fields &&fields) {
    rapidjson::StringBuffer buf;
    JsonWriter w(buf);
    w.StartObject();
    w.Key("presence");
    writeString(w, word);
    fields(w);
    w.EndObject();
    return {buf.GetString(), buf.GetSize()};
}

std::string scopeReply(std::string_view word, const std::string &scope) {
    return replyJson(word, [&](JsonWriter &w) {
        w.Key("scope");
        writeString(w, scope);
    });
}

} // namespace

PresenceService::PresenceService(const PresenceConfig &config, UserStore &store, Outlet &outlet)
    : config_(config),
      outlet_(outlet),
      backplane_(std::make_unique<InProcessBackplane>(
          InProcessBackplane::Limits{config.max_scope_members, std::chrono::seconds(config.away_after_s)}, store,
          *this)),
      coalescer_(std::chrono::milliseconds(config.event_window_ms)) {}

PresenceService::~PresenceService() {
    for (auto &[id, c] : clients_) delete c;
}

PresenceService::Client *PresenceService::open(DeviceId id, void *tag, std::optional<std::string> ticket_user) {
    std::lock_guard lock(mutex_);
    auto *c = new Client(id, tag, std::move(ticket_user), config_);
    clients_[id] = c;
    return c;
}

void PresenceService::close(Client *c, const Instant &now) {
    std::lock_guard lock(mutex_);
    now_ = now.steady;
    unwatchAll(*c);
    clients_.erase(c->id);
    if (!c->tracked.empty()) backplane_->removeDevice(c->id, now);
    delete c;
    sendChanges();
}

PresenceService::Reply PresenceService::handle(Client &c, std::string_view body, const Instant &now) {
    std::lock_guard lock(mutex_);
    now_ = now.steady;
    Reply reply;
    try {
        // Before anything is parsed: a flood costs as little as possible.
        if (!c.limiter.allow(now.steady)) {
            if (!c.limited) outlet_.warn(c.tag, "over the request rate limit; refusing until it slows down");
            c.limited = true;
            throw PresenceError(ErrorCode::rate_limited, "too many requests");
        }
        c.limited = false;
        rapidjson::Document req;
        req.Parse(body.data(), body.size());
        if (req.HasParseError() || !req.IsObject()) throw PresenceError(ErrorCode::invalid_json, "body is not a JSON object");
        reply.text = dispatch(c, requiredString(req, "request"), req, now);
    } catch (const PresenceError &e) {
        reply.error = e.code();
        reply.text = e.what();
    }
    sendChanges();
    return reply;
}

void PresenceService::tick(const Instant &now) {
    std::lock_guard lock(mutex_);
    now_ = now.steady;
    backplane_->expire(now);
    coalescer_.flush(now.steady, ready_);
    sendChanges();
}

size_t PresenceService::clients() const {
    std::lock_guard lock(mutex_);
    return clients_.size();
}

std::string PresenceService::describe(const Client &c) const {
    std::lock_guard lock(mutex_);
    return replyJson("session", [&](JsonWriter &w) {
        w.Key("user");
        if (c.user) writeString(w, *c.user);
        else w.Null();
        writeUint(w, "heartbeat_interval_s", c.interval_s);
        for (auto [key, list] : {std::pair{"tracked", &c.tracked}, std::pair{"watched", &c.watched}}) {
            w.Key(key);
            w.StartArray();
            for (const auto &s : *list) writeString(w, s);
            w.EndArray();
        }
    });
}

std::string PresenceService::dispatch(Client &c, const std::string &kind, const Request &req, const Instant &now) {
    if (kind == "track") return track(c, req, now);
    if (kind == "untrack") return untrack(c, req, now);
    if (kind == "watch") return watch(c, req);
    if (kind == "unwatch") return unwatch(c, req);
    if (kind == "heartbeat") return heartbeat(c, now);
    if (kind == "activity") return activity(c, now);
    if (kind == "set_status") return setStatus(c, req, now);
    if (kind == "list") return list(c, req);
    throw PresenceError(ErrorCode::unknown_request, "unknown request '" + kind.substr(0, kMaxNameLength) + "'");
}

std::string PresenceService::scopeOf(const Request &req) const {
    std::string scope = requiredString(req, "scope");
    if (!validScope(scope, config_.scope_kinds))
        throw PresenceError(ErrorCode::unknown_scope, "unknown scope (use <kind>:<id> with a configured kind)");
    return scope;
}

std::string PresenceService::track(Client &c, const Request &req, const Instant &now) {
    std::string scope = scopeOf(req);
    std::optional<std::string> named = optionalString(req, "user");
    std::optional<std::string> known = c.user ? c.user : c.ticket_user;
    if (named && !validUser(*named)) invalid("user should be 1 to 128 printable characters");
    if (named && known && *named != *known)
        throw PresenceError(ErrorCode::user_mismatch, "this handle is another user's device");
    if (!named && !known) invalid("missing user");
    std::string user = named ? *named : *known;
    bool fresh = c.tracked.empty();
    if (!contains(c.tracked, scope) && c.tracked.size() >= config_.max_tracked_per_session)
        throw PresenceError(ErrorCode::too_many_tracked, "this handle tracks too many scopes");
    // A device's interval is chosen when it starts; mobile clients may ask for a longer one.
    uint32_t interval = c.interval_s;
    if (fresh) {
        auto asked = optionalUint(req, "heartbeat_interval_s", 1, 86400 * 7);
        interval = std::clamp(asked.value_or(config_.heartbeat_interval_s), config_.heartbeat_interval_s,
                              config_.max_heartbeat_interval_s);
    }
    if (backplane_->track(c.id, user, scope, config_.ttlFor(interval), now) == Backplane::TrackResult::scope_full)
        throw PresenceError(ErrorCode::scope_full, "the scope is full");
    c.user = user;
    c.interval_s = interval;
    if (!contains(c.tracked, scope)) c.tracked.push_back(scope);
    return replyJson("tracked", [&](JsonWriter &w) {
        w.Key("scope");
        writeString(w, scope);
        w.Key("user");
        writeString(w, user);
        writeUint(w, "heartbeat_interval_s", interval);
        writeUint(w, "ttl_s", static_cast<uint64_t>(config_.ttlFor(interval).count()));
        writeUint(w, "away_after_s", config_.away_after_s);
    });
}

std::string PresenceService::untrack(Client &c, const Request &req, const Instant &now) {
    std::string scope = scopeOf(req);
    if (!contains(c.tracked, scope) || !backplane_->untrack(c.id, scope, now))
        throw PresenceError(ErrorCode::not_tracked, "this handle does not track " + scope);
    c.tracked.erase(std::find(c.tracked.begin(), c.tracked.end(), scope));
    return scopeReply("untracked", scope);
}

std::string PresenceService::watch(Client &c, const Request &req) {
    std::string scope = scopeOf(req);
    bool echo = optionalBool(req, "echo", false);
    auto &list = watchers_[scope];
    auto it = std::find_if(list.begin(), list.end(), [&](const Watcher &w) { return w.client == &c; });
    if (it != list.end()) {
        it->echo = echo;
    } else {
        if (c.watched.size() >= config_.max_watched_per_session) {
            if (list.empty()) watchers_.erase(scope);
            throw PresenceError(ErrorCode::too_many_watched, "this handle watches too many scopes");
        }
        list.push_back({&c, echo});
        c.watched.push_back(scope);
    }
    // Counts, not members: a huge scope is paged with list, never sent whole.
    return replyJson("watching", [&](JsonWriter &w) {
        w.Key("scope");
        writeString(w, scope);
        w.Key("counts");
        writeCounts(w, backplane_->counts(scope));
    });
}

std::string PresenceService::unwatch(Client &c, const Request &req) {
    std::string scope = scopeOf(req);
    auto pos = std::find(c.watched.begin(), c.watched.end(), scope);
    if (pos == c.watched.end()) throw PresenceError(ErrorCode::not_watching, "this handle does not watch " + scope);
    c.watched.erase(pos);
    auto &list = watchers_[scope];
    std::erase_if(list, [&](const Watcher &w) { return w.client == &c; });
    if (list.empty()) watchers_.erase(scope);
    return scopeReply("unwatched", scope);
}

void PresenceService::requireDevice(Client &c, bool known) const {
    if (!c.tracked.empty() && known) return;
    throw PresenceError(ErrorCode::not_tracked, "this handle tracks nothing (track first)");
}

std::string PresenceService::heartbeat(Client &c, const Instant &now) {
    requireDevice(c, !c.tracked.empty() && backplane_->heartbeat(c.id, now));
    return replyJson("heartbeat", [&](JsonWriter &w) {
        writeUint(w, "heartbeat_interval_s", c.interval_s);
        writeUint(w, "ttl_s", static_cast<uint64_t>(config_.ttlFor(c.interval_s).count()));
    });
}

std::string PresenceService::activity(Client &c, const Instant &now) {
    requireDevice(c, !c.tracked.empty() && backplane_->activity(c.id, now));
    return replyJson("activity", [](JsonWriter &) {});
}

std::string PresenceService::setStatus(Client &c, const Request &req, const Instant &now) {
    std::string text = requiredString(req, "status_text");
    if (text.size() > config_.max_status_text)
        invalid("status_text is longer than " + std::to_string(config_.max_status_text) + " bytes");
    requireDevice(c, true);
    backplane_->setStatusText(*c.user, text, now);
    return replyJson("status", [&](JsonWriter &w) {
        w.Key("status_text");
        writeString(w, text);
    });
}

std::string PresenceService::list(Client &, const Request &req) {
    std::string scope = scopeOf(req);
    uint32_t limit = optionalUint(req, "limit", 1, config_.max_list_limit).value_or(std::min(100u, config_.max_list_limit));
    Backplane::Page page;
    if (const Request *users = field(req, "users")) {
        // Named users, present or not: how a contact list learns last-seen times.
        if (!users->IsArray() || users->Size() > config_.max_list_limit)
            invalid("users should be an array of at most " + std::to_string(config_.max_list_limit) + " user ids");
        for (const auto &u : users->GetArray()) {
            if (!u.IsString() || !validUser({u.GetString(), u.GetStringLength()})) invalid("users holds an invalid user id");
            page.members.push_back(backplane_->lookup(scope, {u.GetString(), u.GetStringLength()}));
        }
        page.counts = backplane_->counts(scope);
    } else {
        page = backplane_->list(scope, optionalString(req, "cursor").value_or(""), limit);
    }
    return replyJson("list", [&](JsonWriter &w) {
        w.Key("scope");
        writeString(w, scope);
        w.Key("counts");
        writeCounts(w, page.counts);
        w.Key("members");
        w.StartArray();
        for (const auto &m : page.members) writeMember(w, m);
        w.EndArray();
        if (page.next) {
            w.Key("cursor");
            writeString(w, *page.next);
        }
    });
}

void PresenceService::unwatchAll(Client &c) {
    for (const auto &scope : c.watched) {
        auto it = watchers_.find(scope);
        if (it == watchers_.end()) continue;
        std::erase_if(it->second, [&](const Watcher &w) { return w.client == &c; });
        if (it->second.empty()) watchers_.erase(it);
    }
    c.watched.clear();
}

void PresenceService::onMemberChanged(const MemberChange &change) {
    if (!watchers_.contains(change.scope)) return; // nobody here to tell
    coalescer_.offer(change, now_, ready_);
}

void PresenceService::onDeviceExpired(DeviceId device) {
    auto it = clients_.find(device);
    if (it == clients_.end()) return;
    Client &c = *it->second;
    c.tracked.clear();
    // The device itself learns it is offline, and that it must track again.
    outlet_.deliver(c.tag, R"({"presence":"expired"})");
}

void PresenceService::sendChanges() {
    for (const auto &change : ready_) {
        auto it = watchers_.find(change.scope);
        if (it == watchers_.end()) continue;
        std::string json = memberEvent(change);
        for (const Watcher &w : it->second)
            if (w.echo || w.client->user != change.member.user) outlet_.deliver(w.client->tag, json);
    }
    ready_.clear();
}

} // namespace portunus::presence
