#include "presence_config.hpp"

#include <rapidjson/document.h>

namespace portunus::presence {

const char *const kConfigSchema = R"json({
  "type": "object",
  "properties": {
    "heartbeat_interval_s": {"type": "integer", "minimum": 1, "maximum": 3600, "default": 25,
      "description": "heartbeat interval the server tells clients"},
    "max_heartbeat_interval_s": {"type": "integer", "minimum": 1, "maximum": 86400, "default": 300,
      "description": "longest interval a client may ask for in track (mobile)"},
    "ttl_margin_s": {"type": "integer", "minimum": 0, "maximum": 3600, "default": 5,
      "description": "TTL = 2 x interval + this"},
    "away_after_s": {"type": "integer", "minimum": 1, "maximum": 604800, "default": 600,
      "description": "a device without activity for this long is away"},
    "event_window_ms": {"type": "integer", "minimum": 0, "maximum": 60000, "default": 1000,
      "description": "at most one event per user per scope per window"},
    "sweep_interval_ms": {"type": "integer", "minimum": 10, "maximum": 10000, "default": 200,
      "description": "how often expiry, away and held events are checked"},
    "scope_kinds": {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 32},
      "default": ["room", "tenant"], "description": "scopes are <kind>:<id> with one of these kinds"},
    "max_scope_members": {"type": "integer", "minimum": 1, "maximum": 10000000, "default": 10000},
    "max_tracked_per_session": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 16},
    "max_watched_per_session": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 16},
    "max_list_limit": {"type": "integer", "minimum": 1, "maximum": 10000, "default": 500},
    "max_status_text": {"type": "integer", "minimum": 0, "maximum": 4096, "default": 256},
    "requests_per_s": {"type": "integer", "minimum": 1, "maximum": 100000, "default": 10},
    "request_burst": {"type": "integer", "minimum": 1, "maximum": 100000, "default": 20},
    "persist": {"type": "boolean", "default": true,
      "description": "keep last-seen and status text in the shared sqlite file"}
  }
})json";

namespace {
uint32_t uintOf(const rapidjson::Value &doc, const char *key, uint32_t fallback) {
    auto it = doc.FindMember(key);
    return it != doc.MemberEnd() && it->value.IsUint() ? it->value.GetUint() : fallback;
}
} // namespace

bool parseConfig(std::string_view json, PresenceConfig &c, std::string &error) {
    rapidjson::Document doc;
    doc.Parse(json.data(), json.size());
    if (doc.HasParseError() || !doc.IsObject()) {
        error = "settings are not a JSON object";
        return false;
    }
    c.heartbeat_interval_s = uintOf(doc, "heartbeat_interval_s", c.heartbeat_interval_s);
    c.max_heartbeat_interval_s = uintOf(doc, "max_heartbeat_interval_s", c.max_heartbeat_interval_s);
    c.ttl_margin_s = uintOf(doc, "ttl_margin_s", c.ttl_margin_s);
    c.away_after_s = uintOf(doc, "away_after_s", c.away_after_s);
    c.event_window_ms = uintOf(doc, "event_window_ms", c.event_window_ms);
    c.sweep_interval_ms = uintOf(doc, "sweep_interval_ms", c.sweep_interval_ms);
    c.max_scope_members = uintOf(doc, "max_scope_members", c.max_scope_members);
    c.max_tracked_per_session = uintOf(doc, "max_tracked_per_session", c.max_tracked_per_session);
    c.max_watched_per_session = uintOf(doc, "max_watched_per_session", c.max_watched_per_session);
    c.max_list_limit = uintOf(doc, "max_list_limit", c.max_list_limit);
    c.max_status_text = uintOf(doc, "max_status_text", c.max_status_text);
    c.requests_per_s = uintOf(doc, "requests_per_s", c.requests_per_s);
    c.request_burst = uintOf(doc, "request_burst", c.request_burst);
    if (auto it = doc.FindMember("persist"); it != doc.MemberEnd() && it->value.IsBool()) c.persist = it->value.GetBool();
    if (auto it = doc.FindMember("scope_kinds"); it != doc.MemberEnd() && it->value.IsArray()) {
        c.scope_kinds.clear();
        for (const auto &k : it->value.GetArray())
            if (k.IsString()) c.scope_kinds.emplace_back(k.GetString(), k.GetStringLength());
    }
    if (c.max_heartbeat_interval_s < c.heartbeat_interval_s) {
        error = "max_heartbeat_interval_s must not be below heartbeat_interval_s";
        return false;
    }
    return true;
}

} // namespace portunus::presence
