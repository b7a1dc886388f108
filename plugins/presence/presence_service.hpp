// Request handling: one Client per handle (its user, the scopes it tracks
// and watches, its rate limit), the requests of the client API, and the
// fan-out of coalesced changes to the watchers of a scope. It knows nothing of
// the host: events leave through the Outlet (the plugin: push_event).
//
// Thread-safe: every entry point takes the one lock, so the backplane,
// coalescer and watcher lists are only touched under it. Events go out under
// it too: a client is removed (close) under the same lock, so no event is
// ever sent to a handle the host has destroyed.
#pragma once

#include "backplane.hpp"
#include "coalescer.hpp"
#include "presence_config.hpp"
#include "rate_limiter.hpp"
#include "user_store.hpp"

#include <rapidjson/fwd.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace portunus::presence {

class PresenceService final : public Backplane::Listener {
public:
    class Outlet {
    public:
        virtual ~Outlet() = default;
        // An unsolicited event for the client whose tag this is.
        virtual void deliver(void *tag, const std::string &json) = 0;
        // A client started being refused for flooding (once per episode).
        virtual void warn(void *tag, const std::string &message) = 0;
    };

    struct Client;

    // The answer to one request: JSON text, or an error code and reason.
    struct Reply {
        int error = 0;
        std::string text;
    };

    PresenceService(const PresenceConfig &config, UserStore &store, Outlet &outlet);
    ~PresenceService() override;

    // A handle attached. `ticket_user` is the user its join ticket names, if any.
    Client *open(DeviceId id, void *tag, std::optional<std::string> ticket_user);
    // The handle's session ended: its device goes offline now. Frees `client`.
    void close(Client *client, const Instant &now);
    Reply handle(Client &client, std::string_view body, const Instant &now);
    // Expiry, away, and held events: called every sweep_interval_ms.
    void tick(const Instant &now);

    size_t clients() const;

    // Backplane::Listener: called from inside backplane calls, under the lock.
    void onMemberChanged(const MemberChange &change) override;
    void onDeviceExpired(DeviceId device) override;
    std::string describe(const Client &client) const; // for the admin API's handle_info

private:
    using Request = rapidjson::Value;
    std::string dispatch(Client &c, const std::string &kind, const Request &req, const Instant &now);
    std::string track(Client &c, const Request &req, const Instant &now);
    std::string untrack(Client &c, const Request &req, const Instant &now);
    std::string watch(Client &c, const Request &req);
    std::string unwatch(Client &c, const Request &req);
    std::string heartbeat(Client &c, const Instant &now);
    std::string activity(Client &c, const Instant &now);
    std::string setStatus(Client &c, const Request &req, const Instant &now);
    std::string list(Client &c, const Request &req);
    std::string scopeOf(const Request &req) const;
    void requireDevice(Client &c, bool known) const;
    void unwatchAll(Client &c);
    void sendChanges();

    const PresenceConfig config_;
    Outlet &outlet_;
    mutable std::mutex mutex_;
    std::unique_ptr<Backplane> backplane_;
    Coalescer coalescer_;
    SteadyTime now_{}; // of the call being served, for the coalescer
    std::vector<MemberChange> ready_;
    std::unordered_map<DeviceId, Client *> clients_;
    struct Watcher {
        Client *client;
        bool echo;
    };
    std::unordered_map<std::string, std::vector<Watcher>> watchers_; // by scope
};

} // namespace portunus::presence
