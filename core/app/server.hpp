// The whole server: loops, storage, plugins, sessions, APIs and listeners,
// started in dependency order and stopped in reverse.
#pragma once

#include "api/admin_endpoint.hpp"
#include "api/client_endpoint.hpp"
#include "api/request_limits.hpp"
#include "observe/metrics.hpp"
#include "auth/join_tickets.hpp"
#include "config/config_dir.hpp"
#include "loop/loop_pool.hpp"
#include "net/dtls_certificate.hpp"
#include "net/dtls_transport.hpp"
#include "session/media_context.hpp"
#include "plugins/host_services.hpp"
#include "plugins/plugin_registry.hpp"
#include "plugins/timer_service.hpp"
#include "session/session_manager.hpp"
#include "storage/storage.hpp"
#include "transport/http_routes.hpp"
#include "transport/http_listener.hpp"

#include <boost/asio/signal_set.hpp>

#include <future>
#include <memory>
#include <string>
#include <vector>

namespace portunus {

class Server : public HostServices, public SessionManager::Listener {
public:
    // `binary_dir`: where the executable is; default folders are found from it.
    Server(config::ConfigDir config, const std::string &binary_dir);
    static config::ConfigDir withDefaults(config::ConfigDir config, const std::string &binary_dir);
    ~Server() override;

    bool start(std::string &error);
    // The port a listener ("client-http", "client-ws", "admin-http",
    // "admin-ws") is bound to, 0 when it is not listening.
    uint16_t port(std::string_view listener) const;
    // Blocks until SIGINT or SIGTERM, then stops.
    void runUntilSignal();
    void stop();

    // HostServices
    SessionManager &sessions() override { return sessions_; }
    LoopPool &loops() override { return loops_; }
    TimerService &timers() override { return timers_; }
    Storage &storage() override { return storage_; }
    HttpRoutes &httpRoutes() override { return routes_; }
    bool userTimedOut(const std::string &channel_id, const std::string &user_uid) override;
    void onPluginEvent(std::string_view plugin, const Handle *handle, std::string_view json) override;

    // SessionManager::Listener
    void onSessionCreated(uint64_t session_id) override;
    void onSessionDestroyed(uint64_t session_id) override;
    void onHandleAttached(const Handle &handle) override;
    void onHandleDestroyed(const Handle &handle) override;

private:
    bool startMedia(std::string &error);
    void watchSignals();
    bool listen(const std::string &name, const config::Listener &cfg, HttpHandler &http, WebSocketHandler &ws,
                const std::string &scheme_path, std::string &error);

    config::ConfigDir config_;
    LoopPool loops_;
    Storage storage_;
    TimerService timers_;
    HttpRoutes routes_;
    PluginRegistry plugins_;
    SessionManager sessions_;
    std::unique_ptr<net::DtlsCertificate> certificate_;
    std::unique_ptr<net::DtlsContext> dtls_;
    MediaContext media_;
    auth::Moderation moderation_;
    auth::JoinTickets tickets_;
    RequestLimits limits_;
    Metrics metrics_;
    Webhooks webhooks_;
    ApiContext api_context_;
    ClientEndpoint client_;
    AdminEndpoint admin_;
    std::vector<std::unique_ptr<HttpListener>> listeners_;
    bool stopped_ = false;
    bool loops_started_ = false;
    std::unique_ptr<boost::asio::signal_set> signals_;
    std::promise<int> signalled_;
};

} // namespace portunus
