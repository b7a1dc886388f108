#include "app/server.hpp"

#include "api/ice_servers.hpp"
#include "observe/log.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>

#include <cstdlib>
#include <filesystem>
#include <future>

namespace portunus {

namespace fs = std::filesystem;

namespace {
std::string orDefault(const std::string &configured, const fs::path &fallback) {
    return configured.empty() ? fallback.lexically_normal().string() : configured;
}
} // namespace

// Folders left empty in the config sit beside the binary, in the build tree
// (build/bin -> build/lib/portunus/plugins) as in an installed prefix.
config::ConfigDir Server::withDefaults(config::ConfigDir config, const std::string &binary_dir) {
    auto &core = config.core;
    core.plugins_dir = orDefault(core.plugins_dir, fs::path(binary_dir) / ".." / "lib" / "portunus" / "plugins");
    core.web_root = orDefault(core.web_root, fs::path(binary_dir) / ".." / "share" / "portunus" / "web");
    const char *state = std::getenv("STATE_DIRECTORY");
    core.state_dir = orDefault(core.state_dir, state ? fs::path(state) : fs::current_path());
    return config;
}

Server::Server(config::ConfigDir config, const std::string &binary_dir)
    : config_(withDefaults(std::move(config), binary_dir)), loops_(config_.core.loop_threads),
      sessions_(loops_, media_, config_.core.client.max_queued_events),
      tickets_(config_.core, moderation_), limits_(config_.core), webhooks_(config_.core.webhooks),
      api_context_{config_.core, sessions_, plugins_, loops_, tickets_, moderation_, limits_, metrics_,
                   std::chrono::system_clock::now()},
      client_(api_context_, routes_), admin_(api_context_) {
    sessions_.setListener(this);
    sessions_.roster().setLimits({config_.core.limits.max_participants_per_channel, config_.core.limits.max_tracks_per_participant});
}

Server::~Server() { stop(); }

bool Server::listen(const std::string &name, const config::Listener &cfg, HttpHandler &http, WebSocketHandler &ws,
                    const std::string &scheme_path, std::string &error) {
    if (!cfg.enabled) return true;
    auto l = std::make_unique<HttpListener>(name, loops_, http, ws, HttpLimits{config_.core.client.max_body_bytes});
    if (!l->start(cfg.bind, cfg.port, error)) {
        error = name + ": " + error;
        return false;
    }
    std::string host = cfg.bind.find(':') != std::string::npos ? "[" + cfg.bind + "]" : cfg.bind;
    std::string scheme = scheme_path.substr(0, scheme_path.find(':'));
    std::string path = scheme_path.substr(scheme_path.find(':') + 1);
    PLOG_INFO("transport", {}, "listening {} {}://{}:{}{}", name, scheme, host, l->port(), path);
    if (name == "client-http" && fs::exists(fs::path(config_.core.web_root) / "index.html"))
        PLOG_INFO("transport", {}, "pages: demo {0}://{1}:{2}/ video room {0}://{1}:{2}/room.html admin {0}://{1}:{2}/admin.html",
                  scheme, host, l->port());
    listeners_.push_back(std::move(l));
    return true;
}

bool Server::startMedia(std::string &error) {
    const auto &m = config_.core.media;
    certificate_ = m.dtls_certificate.empty() ? net::DtlsCertificate::generate(error)
                                              : net::DtlsCertificate::load(m.dtls_certificate, m.dtls_private_key, error);
    if (!certificate_) return false;
    dtls_ = net::DtlsContext::create(*certificate_, m.srtp_profiles, error);
    if (!dtls_) return false;
    media_.dtls = dtls_.get();
    media_.metrics = &metrics_;
    media_.webhooks = &webhooks_;
    media_.ice = m.ice;
    std::string addresses;
    for (const auto &a : m.ice.local_addresses) addresses += (addresses.empty() ? "" : ", ") + a;
    if (addresses.empty())
        PLOG_WARN("media", {}, "no network interface to gather ICE candidates on: PeerConnections will fail "
                               "(set media.ice.interfaces)");
    PLOG_INFO("media", {}, "ICE {} on {}{}; DTLS fingerprint sha-256 {}", m.ice.lite ? "lite" : "full", addresses,
              m.ice.public_ip.empty() ? "" : " (advertised as " + m.ice.public_ip + ")", certificate_->fingerprint());
    return true;
}

bool Server::start(std::string &error) {
    const auto &core = config_.core;
    if (!startMedia(error)) return false;
    watchSignals();
    loops_.start();
    loops_started_ = true;
    fs::create_directories(core.state_dir);
    if (!storage_.start((fs::path(core.state_dir) / "portunus.db").string(), error)) return false;
    if (!moderation_.start(storage_, error) || !tickets_.start(storage_, error)) return false;
    webhooks_.start();
    plugins_.loadAll(core.plugins_dir, config_, *this);
    sessions_.startTimeouts(core.session_timeout_s);
    return listen("client-http", core.client.http, client_, client_, "http:" + core.client.http.base_path, error) &&
           listen("client-ws", core.client.websocket, client_, client_, "ws:/", error) &&
           listen("admin-http", core.admin.http, admin_, admin_, "http:" + core.admin.http.base_path, error) &&
           listen("admin-ws", core.admin.websocket, admin_, admin_, "ws:/", error);
}

// Installed before anything is served, so a signal at any moment after start
// shuts down gracefully.
void Server::watchSignals() {
    signals_ = std::make_unique<boost::asio::signal_set>(loops_.control().context(), SIGINT, SIGTERM);
    signals_->async_wait([this](const boost::system::error_code &ec, int signo) {
        if (!ec) signalled_.set_value(signo);
    });
}

bool Server::userTimedOut(const std::string &channel_id, const std::string &user_uid) {
    return moderation_.active(auth::Moderation::Kind::timeout, channel_id, user_uid, api::unixNow());
}

uint16_t Server::port(std::string_view listener) const {
    for (const auto &l : listeners_)
        if (l->name() == listener) return l->port();
    return 0;
}

void Server::runUntilSignal() {
    int signo = signalled_.get_future().get();
    PLOG_INFO("server", {}, "{} received, shutting down", signo == SIGINT ? "SIGINT" : "SIGTERM");
    stop();
}

void Server::stop() {
    if (stopped_) return;
    stopped_ = true;
    if (signals_ && !loops_started_) signals_->cancel();
    if (signals_ && loops_started_) {
        std::promise<void> cancelled;
        boost::asio::post(loops_.control().context(), [&] {
            signals_->cancel();
            cancelled.set_value();
        });
        cancelled.get_future().wait();
    }
    sessions_.stop(); // clients get "detached"; plugins destroy their sessions
    for (auto &l : listeners_) l->stop();
    timers_.cancelAll();
    plugins_.destroyAll();
    loops_.stop();
    webhooks_.stop();
    PLOG_INFO("server", {}, "stopped");
}

void Server::onPluginEvent(std::string_view plugin, const Handle *handle, std::string_view json) {
    // Event consumers and webhooks subscribe here (observability issue); until
    // then the event is visible in debug logs.
    PLOG_DEBUG(plugin, (handle ? handle->logIds() : log::Ids{}), "event: {}",
               log::redact(json));
}

void Server::onSessionCreated(uint64_t session_id) { webhooks_.emit("session.created", session_id); }

void Server::onSessionDestroyed(uint64_t session_id) { webhooks_.emit("session.destroyed", session_id); }

void Server::onHandleAttached(const Handle &handle) { webhooks_.emit("handle.attached", handle.sessionId(), handle.id()); }

void Server::onHandleDestroyed(const Handle &handle) {
    timers_.cancelForHandle(handle.id());
    webhooks_.emit("handle.detached", handle.sessionId(), handle.id());
}

} // namespace portunus
