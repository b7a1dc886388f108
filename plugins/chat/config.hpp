// The chat plugin's settings (plugins.d/chat.jsonc), validated by the core
// against kConfigSchema before init, defaults filled in.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace portunus::chat {

struct RoomSettings {
    std::string description;
    std::string secret; // "" = none
    std::string pin;    // "" = none
    bool is_private = false;
    uint32_t max_members = 0; // 0 = the plugin's default
};

struct ChatConfig {
    std::string admin_key; // "" = anyone may create rooms
    uint32_t max_message_bytes = 4096;
    uint32_t max_members = 1000;
    double rate_per_s = 10;
    uint32_t rate_burst = 20;
    uint64_t archive_after_s = 7 * 24 * 3600;
    uint32_t archive_sweep_s = 3600;
    uint32_t typing_interval_ms = 2000;
    uint32_t typing_expiry_ms = 5000;
    uint32_t receipts_interval_ms = 1000;
    uint32_t max_batch = 512;
    std::map<uint64_t, RoomSettings> rooms;
};

extern const char *const kConfigSchema;

// Reads the validated settings; false + error on what the schema cannot say
// (a room id that is not a positive integer).
bool parseConfig(std::string_view json, ChatConfig &out, std::string &error);

} // namespace portunus::chat
