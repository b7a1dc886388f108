// The plugin's settings (conf/plugins.d/presence.jsonc), their schema, and
// reading them from the validated JSON the host hands to init.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace portunus::presence {

struct PresenceConfig {
    uint32_t heartbeat_interval_s = 25;
    uint32_t max_heartbeat_interval_s = 300; // what a mobile client may ask for
    uint32_t ttl_margin_s = 5;
    uint32_t away_after_s = 600;
    uint32_t event_window_ms = 1000;
    uint32_t sweep_interval_ms = 200;
    std::vector<std::string> scope_kinds{"room", "tenant"};
    uint32_t max_scope_members = 10000;
    uint32_t max_tracked_per_session = 16;
    uint32_t max_watched_per_session = 16;
    uint32_t max_list_limit = 500;
    uint32_t max_status_text = 256;
    uint32_t requests_per_s = 10;
    uint32_t request_burst = 20;
    bool persist = true;

    // TTL = 2 x interval + margin: one lost heartbeat is not enough to go offline.
    std::chrono::seconds ttlFor(uint32_t interval_s) const {
        return std::chrono::seconds(2 * uint64_t(interval_s) + ttl_margin_s);
    }
};

// The JSON schema the host validates the settings file against.
extern const char *const kConfigSchema;

// Reads the host's settings object (defaults already filled). False + error on
// settings that the schema cannot express (e.g. max interval below the default).
bool parseConfig(std::string_view json, PresenceConfig &config, std::string &error);

} // namespace portunus::presence
