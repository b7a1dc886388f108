// The core's settings (conf/portunus.jsonc), validated against core_schema.
#pragma once

#include "config/sourced_json.hpp"
#include "net/ice_config.hpp"
#include "net/srtp_profile.hpp"
#include "observe/log.hpp"
#include "observe/webhooks.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace portunus::config {

struct Listener {
    bool enabled = true;
    std::string bind;
    uint16_t port = 0; // 0 = any free port (tests)
    std::string base_path;
};

enum class AuthMode { none, ticket };

struct CoreConfig {
    std::string server_name;
    log::Level log_level = log::Level::info;
    log::Format log_format = log::Format::text;
    unsigned loop_threads = 0;      // 0 = one per core
    unsigned session_timeout_s = 60; // 0 = never
    std::string plugins_dir;        // "" = <binary>/../lib/portunus/plugins
    std::string web_root;           // "" = <binary>/../share/portunus/web
    std::string state_dir;          // "" = $STATE_DIRECTORY or the working directory

    struct {
        Listener http;
        Listener websocket;
        size_t max_body_bytes = 0;
        unsigned long_poll_timeout_s = 30;
        size_t max_queued_events = 0;
        std::string cors_origin;
    } client;

    struct {
        Listener http;
        Listener websocket;
        std::string secret;
    } admin;

    struct {
        AuthMode mode = AuthMode::none;
        std::string ticket_secret; // HS256 key of join tickets
        std::string server_id;     // the tickets' audience; defaults to server_name
        unsigned ticket_ttl_s = 60;
        std::string session_token_secret; // HS256 key of integrators' session tokens; "" = no ticket endpoint
        unsigned mint_per_minute_user = 30;
        unsigned mint_per_minute_ip = 60;
    } auth;

    WebhookConfig webhooks;

    // Client request limits; 0 = unlimited.
    struct {
        unsigned requests_per_minute_ip = 6000;
        unsigned sessions_per_minute_ip = 120;
        unsigned requests_per_minute_session = 3000;
        unsigned requests_per_minute_handle = 1200;
        unsigned max_sessions = 10000;
        unsigned max_handles_per_session = 64;
        unsigned max_participants_per_channel = 500; // handles with tickets: user + device
        unsigned max_tracks_per_participant = 16;    // audio/video m-lines it sends
    } limits;

    // What clients are told in /client/capabilities and with join tickets.
    struct {
        std::vector<std::string> stun_urls;
        std::vector<std::string> turn_urls;
        std::string turn_secret; // coturn's static-auth-secret
        unsigned turn_ttl_s = 3600;
        std::string signaling_url;
        unsigned join_timeout_s = 15;
        unsigned answer_timeout_s = 15;
        bool ice_restart = true;
        std::vector<unsigned> reconnect_backoff_ms;
    } rtc;

    struct {
        net::IceConfig ice;
        std::string dtls_certificate; // PEM files; "" = a fresh certificate at start
        std::string dtls_private_key;
        std::vector<net::SrtpProfile> srtp_profiles;
    } media;
};

// The schema of portunus.jsonc (JSON text, see config/schema.hpp).
const char *coreSchema();

// Validates `src` (filling defaults) and reads it into `out`. Relative paths
// are resolved against the directory of the file.
bool readCoreConfig(SourcedJson &src, CoreConfig &out, Errors &errors);

} // namespace portunus::config
