#include "config/core_config.hpp"

#include "config/schema.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <utility>

namespace portunus::config {

namespace {

// Every key documented here is documented for admins in conf/portunus.jsonc.
constexpr const char *kSchema = R"({
  "type": "object",
  "properties": {
    "general": { "type": "object", "properties": {
      "server_name": { "type": "string", "default": "portunus", "minLength": 1, "maxLength": 64 },
      "log_level": { "type": "string", "enum": ["trace", "debug", "info", "warn", "error"], "default": "info" },
      "log_format": { "type": "string", "enum": ["text", "json"], "default": "text" },
      "loop_threads": { "type": "integer", "minimum": 0, "maximum": 256, "default": 0 },
      "session_timeout_s": { "type": "integer", "minimum": 0, "maximum": 86400, "default": 60 },
      "plugins_dir": { "type": "string", "default": "" },
      "web_root": { "type": "string", "default": "" },
      "state_dir": { "type": "string", "default": "" }
    }},
    "client_api": { "type": "object", "properties": {
      "http": { "type": "object", "properties": {
        "enabled": { "type": "boolean", "default": true },
        "bind": { "type": "string", "default": "127.0.0.1", "minLength": 1 },
        "port": { "type": "integer", "minimum": 0, "maximum": 65535, "default": 8088 },
        "base_path": { "type": "string", "default": "/janus", "minLength": 2 }
      }},
      "websocket": { "type": "object", "properties": {
        "enabled": { "type": "boolean", "default": true },
        "bind": { "type": "string", "default": "127.0.0.1", "minLength": 1 },
        "port": { "type": "integer", "minimum": 0, "maximum": 65535, "default": 8188 }
      }},
      "max_body_bytes": { "type": "integer", "minimum": 1024, "maximum": 16777216, "default": 262144 },
      "long_poll_timeout_s": { "type": "integer", "minimum": 1, "maximum": 300, "default": 30 },
      "max_queued_events": { "type": "integer", "minimum": 1, "maximum": 100000, "default": 1000 },
      "cors_origin": { "type": "string", "default": "*" }
    }},
    "admin_api": { "type": "object", "properties": {
      "http": { "type": "object", "properties": {
        "enabled": { "type": "boolean", "default": true },
        "bind": { "type": "string", "default": "127.0.0.1", "minLength": 1 },
        "port": { "type": "integer", "minimum": 0, "maximum": 65535, "default": 7088 },
        "base_path": { "type": "string", "default": "/admin", "minLength": 2 }
      }},
      "websocket": { "type": "object", "properties": {
        "enabled": { "type": "boolean", "default": true },
        "bind": { "type": "string", "default": "127.0.0.1", "minLength": 1 },
        "port": { "type": "integer", "minimum": 0, "maximum": 65535, "default": 7188 }
      }},
      "admin_secret": { "type": "string", "minLength": 1 }
    }, "required": ["admin_secret"] },
    "auth": { "type": "object", "properties": {
      "mode": { "type": "string", "enum": ["none", "ticket"], "default": "none" },
      "ticket_secret": { "type": "string", "default": "" },
      "server_id": { "type": "string", "default": "" },
      "ticket_ttl_s": { "type": "integer", "minimum": 1, "maximum": 3600, "default": 60 },
      "session_token_secret": { "type": "string", "default": "" },
      "mint_per_minute_user": { "type": "integer", "minimum": 0, "maximum": 100000, "default": 30 },
      "mint_per_minute_ip": { "type": "integer", "minimum": 0, "maximum": 100000, "default": 60 }
    }},
    "webhooks": { "type": "object", "properties": {
      "urls": { "type": "array", "items": { "type": "string", "minLength": 8 }, "default": [] },
      "queue_size": { "type": "integer", "minimum": 1, "maximum": 10000000, "default": 10000 },
      "batch_max": { "type": "integer", "minimum": 1, "maximum": 10000, "default": 100 },
      "retry_initial_ms": { "type": "integer", "minimum": 1, "maximum": 600000, "default": 500 },
      "retry_max_ms": { "type": "integer", "minimum": 1, "maximum": 3600000, "default": 30000 }
    }},
    "limits": { "type": "object", "properties": {
      "requests_per_minute_ip": { "type": "integer", "minimum": 0, "maximum": 10000000, "default": 6000 },
      "sessions_per_minute_ip": { "type": "integer", "minimum": 0, "maximum": 10000000, "default": 120 },
      "requests_per_minute_session": { "type": "integer", "minimum": 0, "maximum": 10000000, "default": 3000 },
      "requests_per_minute_handle": { "type": "integer", "minimum": 0, "maximum": 10000000, "default": 1200 },
      "max_sessions": { "type": "integer", "minimum": 0, "maximum": 10000000, "default": 10000 },
      "max_handles_per_session": { "type": "integer", "minimum": 0, "maximum": 100000, "default": 64 },
      "max_participants_per_channel": { "type": "integer", "minimum": 0, "maximum": 10000000, "default": 500 },
      "max_tracks_per_participant": { "type": "integer", "minimum": 0, "maximum": 1000, "default": 16 }
    }},
    "rtc": { "type": "object", "properties": {
      "stun_urls": { "type": "array", "items": { "type": "string", "minLength": 1 }, "default": [] },
      "turn_urls": { "type": "array", "items": { "type": "string", "minLength": 1 }, "default": [] },
      "turn_secret": { "type": "string", "default": "" },
      "turn_ttl_s": { "type": "integer", "minimum": 1, "maximum": 3600, "default": 3600 },
      "signaling_url": { "type": "string", "default": "" },
      "join_timeout_s": { "type": "integer", "minimum": 1, "maximum": 600, "default": 15 },
      "answer_timeout_s": { "type": "integer", "minimum": 1, "maximum": 600, "default": 15 },
      "ice_restart": { "type": "boolean", "default": true },
      "reconnect_backoff_ms": { "type": "array", "items": { "type": "integer", "minimum": 0, "maximum": 600000 },
                                "default": [500, 1000, 2000, 5000, 10000] }
    }},
    "media": { "type": "object", "properties": {
      "ice": { "type": "object", "properties": {
        "lite": { "type": "boolean", "default": false },
        "interfaces": { "type": "array", "items": { "type": "string", "minLength": 1 }, "default": [] },
        "deny_interfaces": { "type": "array", "items": { "type": "string", "minLength": 1 }, "default": [] },
        "ipv6": { "type": "boolean", "default": false },
        "port_min": { "type": "integer", "minimum": 0, "maximum": 65535, "default": 0 },
        "port_max": { "type": "integer", "minimum": 0, "maximum": 65535, "default": 0 },
        "public_ip": { "type": "string", "default": "" },
        "turn_server": { "type": "string", "default": "" },
        "turn_port": { "type": "integer", "minimum": 1, "maximum": 65535, "default": 3478 },
        "turn_user": { "type": "string", "default": "" },
        "turn_password": { "type": "string", "default": "" }
      }},
      "dtls": { "type": "object", "properties": {
        "certificate": { "type": "string", "default": "" },
        "private_key": { "type": "string", "default": "" }
      }},
      "srtp_profiles": { "type": "array",
        "items": { "type": "string", "enum": ["AEAD_AES_128_GCM", "AES_CM_128_HMAC_SHA1_80"] },
        "default": ["AEAD_AES_128_GCM", "AES_CM_128_HMAC_SHA1_80"] }
    }}
  }
})";

constexpr size_t kMinTicketSecret = 32;

bool isLoopback(const std::string &bind) {
    return bind == "127.0.0.1" || bind == "::1" || bind == "localhost" || bind.rfind("127.", 0) == 0;
}

Listener readListener(const rapidjson::Value &v) {
    Listener l;
    l.enabled = v["enabled"].GetBool();
    l.bind = v["bind"].GetString();
    l.port = static_cast<uint16_t>(v["port"].GetUint());
    if (v.HasMember("base_path")) l.base_path = v["base_path"].GetString();
    return l;
}

std::string resolve(const std::string &path, const std::string &file) {
    if (path.empty() || std::filesystem::path(path).is_absolute()) return path;
    return (std::filesystem::path(file).parent_path() / path).lexically_normal().string();
}

} // namespace

const char *coreSchema() { return kSchema; }

bool readCoreConfig(SourcedJson &src, CoreConfig &out, Errors &errors) {
    rapidjson::Document schema;
    std::string schema_error;
    if (!parseSchema(kSchema, schema, schema_error)) {
        errors.push_back({src.file, 0, "internal: " + schema_error});
        return false;
    }
    size_t before = errors.size();
    validate(schema, src, errors);
    if (errors.size() != before) return false;

    const auto &g = src.doc["general"];
    out.server_name = g["server_name"].GetString();
    log::parseLevel(g["log_level"].GetString(), out.log_level);
    out.log_format = std::string_view(g["log_format"].GetString()) == "json" ? log::Format::json : log::Format::text;
    out.loop_threads = g["loop_threads"].GetUint();
    out.session_timeout_s = g["session_timeout_s"].GetUint();
    out.plugins_dir = resolve(g["plugins_dir"].GetString(), src.file);
    out.web_root = resolve(g["web_root"].GetString(), src.file);
    out.state_dir = resolve(g["state_dir"].GetString(), src.file);

    const auto &c = src.doc["client_api"];
    out.client.http = readListener(c["http"]);
    out.client.websocket = readListener(c["websocket"]);
    out.client.max_body_bytes = c["max_body_bytes"].GetUint();
    out.client.long_poll_timeout_s = c["long_poll_timeout_s"].GetUint();
    out.client.max_queued_events = c["max_queued_events"].GetUint();
    out.client.cors_origin = c["cors_origin"].GetString();

    const auto &a = src.doc["admin_api"];
    out.admin.http = readListener(a["http"]);
    out.admin.websocket = readListener(a["websocket"]);
    out.admin.secret = a["admin_secret"].GetString();

    const auto &auth = src.doc["auth"];
    out.auth.mode = std::string_view(auth["mode"].GetString()) == "ticket" ? AuthMode::ticket : AuthMode::none;
    out.auth.ticket_secret = auth["ticket_secret"].GetString();
    out.auth.server_id = auth["server_id"].GetString();
    if (out.auth.server_id.empty()) out.auth.server_id = out.server_name;
    out.auth.ticket_ttl_s = auth["ticket_ttl_s"].GetUint();
    out.auth.session_token_secret = auth["session_token_secret"].GetString();
    out.auth.mint_per_minute_user = auth["mint_per_minute_user"].GetUint();
    out.auth.mint_per_minute_ip = auth["mint_per_minute_ip"].GetUint();
    // A short HS256 key can be brute-forced offline from one ticket or token.
    bool mints = !out.auth.session_token_secret.empty();
    if ((out.auth.mode == AuthMode::ticket || mints) && out.auth.ticket_secret.size() < kMinTicketSecret)
        errors.push_back(src.error("/auth/ticket_secret",
                                   fmt::format("'auth/ticket_secret' must have at least {} characters when "
                                               "auth/mode is \"ticket\" or session_token_secret is set", kMinTicketSecret)));
    if (mints && out.auth.session_token_secret.size() < kMinTicketSecret)
        errors.push_back(src.error("/auth/session_token_secret",
                                   fmt::format("'auth/session_token_secret' must have at least {} characters", kMinTicketSecret)));

    const auto &hooks = src.doc["webhooks"];
    for (const auto &v : hooks["urls"].GetArray()) {
        out.webhooks.urls.emplace_back(v.GetString());
        if (out.webhooks.urls.back().rfind("http://", 0) != 0)
            errors.push_back(src.error("/webhooks/urls", "'webhooks/urls' takes http:// URLs only"));
    }
    out.webhooks.queue_size = hooks["queue_size"].GetUint();
    out.webhooks.batch_max = hooks["batch_max"].GetUint();
    out.webhooks.retry_initial_ms = hooks["retry_initial_ms"].GetUint();
    out.webhooks.retry_max_ms = hooks["retry_max_ms"].GetUint();

    using Limits = decltype(out.limits);
    static constexpr std::pair<const char *, unsigned Limits::*> kLimits[] = {
        {"requests_per_minute_ip", &Limits::requests_per_minute_ip},
        {"sessions_per_minute_ip", &Limits::sessions_per_minute_ip},
        {"requests_per_minute_session", &Limits::requests_per_minute_session},
        {"requests_per_minute_handle", &Limits::requests_per_minute_handle},
        {"max_sessions", &Limits::max_sessions},
        {"max_handles_per_session", &Limits::max_handles_per_session},
        {"max_participants_per_channel", &Limits::max_participants_per_channel},
        {"max_tracks_per_participant", &Limits::max_tracks_per_participant}};
    for (auto [name, member] : kLimits) out.limits.*member = src.doc["limits"][name].GetUint();

    const auto &rtc = src.doc["rtc"];
    for (const auto &v : rtc["stun_urls"].GetArray()) out.rtc.stun_urls.emplace_back(v.GetString());
    for (const auto &v : rtc["turn_urls"].GetArray()) out.rtc.turn_urls.emplace_back(v.GetString());
    out.rtc.turn_secret = rtc["turn_secret"].GetString();
    out.rtc.turn_ttl_s = rtc["turn_ttl_s"].GetUint();
    out.rtc.signaling_url = rtc["signaling_url"].GetString();
    out.rtc.join_timeout_s = rtc["join_timeout_s"].GetUint();
    out.rtc.answer_timeout_s = rtc["answer_timeout_s"].GetUint();
    out.rtc.ice_restart = rtc["ice_restart"].GetBool();
    for (const auto &v : rtc["reconnect_backoff_ms"].GetArray()) out.rtc.reconnect_backoff_ms.push_back(v.GetUint());
    if (!out.rtc.turn_urls.empty() && out.rtc.turn_secret.empty())
        errors.push_back(src.error("/rtc/turn_secret", "'rtc/turn_secret' is required when rtc/turn_urls names a server"));

    const auto &m = src.doc["media"];
    const auto &ice = m["ice"];
    out.media.ice.lite = ice["lite"].GetBool();
    std::vector<std::string> allow, deny;
    for (const auto &v : ice["interfaces"].GetArray()) allow.emplace_back(v.GetString());
    for (const auto &v : ice["deny_interfaces"].GetArray()) deny.emplace_back(v.GetString());
    std::string ice_error;
    out.media.ice.local_addresses = net::resolveInterfaces(allow, deny, ice["ipv6"].GetBool(), ice_error);
    // A list that names interfaces must match one; with none named, a machine
    // without a usable interface still serves signaling (media then fails).
    if (out.media.ice.local_addresses.empty() && !allow.empty())
        errors.push_back(src.error("/media/ice/interfaces", "'media/ice/interfaces': " + ice_error));
    out.media.ice.port_min = static_cast<uint16_t>(ice["port_min"].GetUint());
    out.media.ice.port_max = static_cast<uint16_t>(ice["port_max"].GetUint());
    if (out.media.ice.port_min > out.media.ice.port_max)
        errors.push_back(src.error("/media/ice/port_min", "'media/ice/port_min' must not be above port_max"));
    out.media.ice.public_ip = ice["public_ip"].GetString();
    out.media.ice.turn_server = ice["turn_server"].GetString();
    out.media.ice.turn_port = static_cast<uint16_t>(ice["turn_port"].GetUint());
    out.media.ice.turn_user = ice["turn_user"].GetString();
    out.media.ice.turn_password = ice["turn_password"].GetString();
    out.media.dtls_certificate = resolve(m["dtls"]["certificate"].GetString(), src.file);
    out.media.dtls_private_key = resolve(m["dtls"]["private_key"].GetString(), src.file);
    if (out.media.dtls_certificate.empty() != out.media.dtls_private_key.empty())
        errors.push_back(src.error("/media/dtls", "'media/dtls' needs both certificate and private_key, or neither"));
    out.media.srtp_profiles.clear();
    for (const auto &v : m["srtp_profiles"].GetArray())
        if (auto p = net::profileFromConfig(v.GetString())) out.media.srtp_profiles.push_back(*p);
    if (out.media.srtp_profiles.empty())
        errors.push_back(src.error("/media/srtp_profiles", "'media/srtp_profiles' must name at least one profile"));

    // An admin API reachable from other hosts must not be guarded by a guessable secret.
    auto exposed = [](const Listener &l) { return l.enabled && !isLoopback(l.bind); };
    if ((exposed(out.admin.http) || exposed(out.admin.websocket)) && out.admin.secret.size() < 16)
        errors.push_back(src.error("/admin_api/admin_secret",
                                   "'admin_api/admin_secret' must have at least 16 characters when "
                                   "the admin API listens beyond loopback"));
    return errors.size() == before;
}

} // namespace portunus::config
