// The schema of plugins.d/sfu.jsonc (docs/config-schema.md): the core checks
// the file against it with file:line errors before init. Room keys are room
// ids; room_config.cpp checks what a schema cannot say (codec lists, ids).
#pragma once

namespace portunus::sfu {

inline constexpr const char *kConfigSchema = R"({
  "type": "object",
  "properties": {
    "admin_key": {"type": "string", "description": "when set, create requests must carry it as admin_key"},
    "rooms": {
      "type": "object",
      "description": "rooms by id",
      "additionalProperties": {
        "type": "object",
        "properties": {
          "description": {"type": "string"},
          "secret": {"type": "string"},
          "pin": {"type": "string"},
          "is_private": {"type": "boolean"},
          "require_pvtid": {"type": "boolean"},
          "publishers": {"type": "integer", "minimum": 1, "maximum": 1000},
          "max_streams": {"type": "integer", "minimum": 1, "maximum": 32},
          "bitrate": {"type": "integer", "minimum": 0, "maximum": 100000000},
          "bitrate_cap": {"type": "boolean"},
          "fir_freq": {"type": "integer", "minimum": 0, "maximum": 3600},
          "audiocodec": {"type": "string"},
          "videocodec": {"type": "string"},
          "audiolevel_ext": {"type": "boolean"},
          "audiolevel_event": {"type": "boolean"},
          "audio_active_packets": {"type": "integer", "minimum": 1, "maximum": 10000},
          "audio_level_average": {"type": "integer", "minimum": 0, "maximum": 127},
          "notify_joining": {"type": "boolean"},
          "record": {"type": "boolean"},
          "rec_dir": {"type": "string"},
          "lock_record": {"type": "boolean"},
          "allowed": {"type": "array", "items": {"type": "string"}}
        }
      }
    }
  }
})";

} // namespace portunus::sfu
