#include "config.hpp"

#include <rapidjson/document.h>

#include <charconv>

namespace portunus::chat {

const char *const kConfigSchema = R"({
  "type": "object",
  "properties": {
    "admin_key": {"type": "string", "default": "", "description": "when set, create needs it"},
    "max_message_bytes": {"type": "integer", "minimum": 16, "maximum": 1048576, "default": 4096},
    "max_members": {"type": "integer", "minimum": 1, "maximum": 1000000, "default": 1000},
    "rate_limit": {"type": "object", "properties": {
      "messages_per_s": {"type": "number", "minimum": 0.001, "maximum": 1000000, "default": 10},
      "burst": {"type": "integer", "minimum": 1, "maximum": 1000000, "default": 20}}},
    "retention": {"type": "object", "properties": {
      "archive_after_s": {"type": "integer", "minimum": 1, "maximum": 3153600000, "default": 604800},
      "sweep_interval_s": {"type": "integer", "minimum": 1, "maximum": 86400, "default": 3600}}},
    "typing": {"type": "object", "properties": {
      "min_interval_ms": {"type": "integer", "minimum": 0, "maximum": 60000, "default": 2000},
      "expiry_ms": {"type": "integer", "minimum": 100, "maximum": 60000, "default": 5000}}},
    "receipts": {"type": "object", "properties": {
      "fanout_interval_ms": {"type": "integer", "minimum": 10, "maximum": 60000, "default": 1000}}},
    "storage": {"type": "object", "properties": {
      "max_batch": {"type": "integer", "minimum": 1, "maximum": 100000, "default": 512}}},
    "rooms": {"type": "object", "default": {}, "additionalProperties": {"type": "object", "properties": {
      "description": {"type": "string", "default": ""},
      "secret": {"type": "string", "default": ""},
      "pin": {"type": "string", "default": ""},
      "is_private": {"type": "boolean", "default": false},
      "max_members": {"type": "integer", "minimum": 0, "maximum": 1000000, "default": 0}}}}
  }
})";

namespace {

const rapidjson::Value &member(const rapidjson::Value &object, const char *name) { return object[name]; }

uint32_t u32(const rapidjson::Value &object, const char *name) { return object[name].GetUint(); }

} // namespace

bool parseConfig(std::string_view json, ChatConfig &out, std::string &error) {
    rapidjson::Document d;
    d.Parse(json.data(), json.size());
    if (d.HasParseError() || !d.IsObject()) {
        error = "settings are not a JSON object";
        return false;
    }
    out.admin_key = d["admin_key"].GetString();
    out.max_message_bytes = u32(d, "max_message_bytes");
    out.max_members = u32(d, "max_members");
    const auto &rate = member(d, "rate_limit");
    out.rate_per_s = rate["messages_per_s"].GetDouble();
    out.rate_burst = u32(rate, "burst");
    const auto &retention = member(d, "retention");
    out.archive_after_s = retention["archive_after_s"].GetUint64();
    out.archive_sweep_s = u32(retention, "sweep_interval_s");
    out.typing_interval_ms = u32(member(d, "typing"), "min_interval_ms");
    out.typing_expiry_ms = u32(member(d, "typing"), "expiry_ms");
    out.receipts_interval_ms = u32(member(d, "receipts"), "fanout_interval_ms");
    out.max_batch = u32(member(d, "storage"), "max_batch");
    for (const auto &room : member(d, "rooms").GetObject()) {
        std::string_view key(room.name.GetString(), room.name.GetStringLength());
        uint64_t id = 0;
        auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), id);
        if (ec != std::errc() || end != key.data() + key.size() || id == 0) {
            error = "rooms: \"" + std::string(key) + "\" is not a positive integer room id";
            return false;
        }
        RoomSettings s;
        s.description = room.value["description"].GetString();
        s.secret = room.value["secret"].GetString();
        s.pin = room.value["pin"].GetString();
        s.is_private = room.value["is_private"].GetBool();
        s.max_members = u32(room.value, "max_members");
        out.rooms[id] = s;
    }
    return true;
}

} // namespace portunus::chat
