// presence: who is online, away or offline, per scope (room, tenant), for
// many thousands of clients. The plugin entry: it wires the host (handles,
// push_event, the sweep timer, sqlite) to PresenceService, where the requests
// are handled. No media: a presence handle never has a PeerConnection.
#include "memory_user_store.hpp"
#include "presence_config.hpp"
#include "presence_error.hpp"
#include "presence_service.hpp"
#include "sqlite_user_store.hpp"
#include "ticket_claims.hpp"

#include <portunus/plugin.hpp>

#include <rapidjson/document.h>


namespace {

using namespace portunus::presence;

class PresencePlugin final : public portunus::Plugin, public PresenceService::Outlet {
public:
    bool init(std::string_view config_json, std::string &error) override {
        PresenceConfig config;
        if (!parseConfig(config_json, config, error)) return false;
        if (!openStore(config.persist, error)) return false;
        service_ = std::make_unique<PresenceService>(config, *store_, *this);
        timer_ = host().timer_start(&host(), nullptr, config.sweep_interval_ms, config.sweep_interval_ms, &onTick, this);
        if (!timer_) {
            error = "cannot start the sweep timer";
            return false;
        }
        return true;
    }

    void destroy() override {
        host().timer_cancel(&host(), timer_); // final: no tick runs after it
        service_.reset();
        store_.reset(); // writes what is pending
    }

    bool createSession(portunus::Handle h, std::string &) override {
        host().set_handle_data(h.raw(), service_->open(handleId(h), h.raw(), ticketUser(h)));
        return true;
    }

    void destroySession(portunus::Handle h) override {
        service_->close(client(h), Instant::now());
        host().set_handle_data(h.raw(), nullptr);
    }

    portunus::Result handleMessage(portunus::Handle h, std::string_view, std::string_view body, std::string_view) override {
        PresenceService::Reply reply = service_->handle(*client(h), body, Instant::now());
        if (!reply.error) return portunus::Result::ok(std::move(reply.text));
        log(h, PORTUNUS_LOG_DEBUG, "refused (" + std::to_string(reply.error) + "): " + reply.text);
        return portunus::Result::error(reply.error, reply.text);
    }

    portunus::Result handleAdminMessage(std::string_view request) override {
        rapidjson::Document req;
        req.Parse(request.data(), request.size());
        if (req.HasParseError() || !req.IsObject() || !req.HasMember("request") || !req["request"].IsString() ||
            std::string_view(req["request"].GetString()) != "stats")
            return portunus::Result::error(static_cast<int>(ErrorCode::unknown_request), "unknown request (try 'stats')");
        return portunus::Result::ok("{\"sessions\":" + std::to_string(service_->clients()) + "}");
    }

    std::string querySession(portunus::Handle h) override { return service_->describe(*client(h)); }

    void tick() { service_->tick(Instant::now()); }

private:
    static void onTick(void *self) { static_cast<PresencePlugin *>(self)->tick(); }

    bool openStore(bool persist, std::string &error) {
        if (!persist) {
            store_ = std::make_unique<MemoryUserStore>();
            return true;
        }
        sqlite3 *writer = host().storage_open(&host());
        sqlite3 *reader = host().storage_open(&host());
        if (!writer || !reader) {
            error = "cannot open the shared sqlite file";
            return false;
        }
        try {
            store_ = std::make_unique<SqliteUserStore>(writer, reader, [this](const std::string &message) {
                log(PORTUNUS_LOG_ERROR, message);
            });
        } catch (const std::exception &e) {
            error = e.what();
            return false;
        }
        return true;
    }

    // The user a join ticket names (user_uid), which a handle may not contradict.
    std::optional<std::string> ticketUser(portunus::Handle h) const {
        auto ticket = portunus::plugins::parseTicketClaims(claims(h));
        if (!ticket) return std::nullopt;
        return ticket->user_uid;
    }

    PresenceService::Client *client(portunus::Handle h) const {
        return static_cast<PresenceService::Client *>(host().handle_data(h.raw()));
    }

    // PresenceService::Outlet
    void deliver(void *tag, const std::string &json) override {
        pushEvent(portunus::Handle(static_cast<portunus_handle *>(tag)), {}, json);
    }
    void warn(void *tag, const std::string &message) override {
        log(portunus::Handle(static_cast<portunus_handle *>(tag)), PORTUNUS_LOG_WARN, message);
    }

    std::unique_ptr<UserStore> store_;
    std::unique_ptr<PresenceService> service_;
    uint64_t timer_ = 0;
};

} // namespace

PORTUNUS_EXPORT_PLUGIN(PresencePlugin, {
    .package = "portunus.plugin.presence",
    .name = "Presence",
    .description = "Who is online, away or offline, per room or tenant: heartbeats, TTLs, watchers.",
    .version = 1,
    .version_string = "0.1.0",
    .aliases = nullptr,
    .config_schema = portunus::presence::kConfigSchema,
})
