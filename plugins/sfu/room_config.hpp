// A room's settings: what the config file, a `create` request and the
// sqlite store describe with the same keys (Janus videoroom's), their
// defaults and checks, `edit`'s new_* keys, and the room's `list` entry.
#pragma once

#include "json_fields.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace portunus::sfu {

// Upper bound of m-lines a publisher may send; sizes the media path's arrays.
constexpr uint32_t kMaxPublisherStreams = 32;

struct RoomConfig {
    uint64_t id = 0;
    std::string description;
    std::string secret; // empty = none
    std::string pin;    // empty = none
    bool is_private = false;
    bool require_pvtid = false;
    uint32_t publishers = 3;   // concurrent publishers
    uint32_t max_streams = 16; // m-lines per publisher (Portunus)
    uint32_t bitrate = 0;      // REMB cap for publishers' video, 0 = none
    bool bitrate_cap = false;  // publishers cannot raise their own cap above it
    uint32_t fir_freq = 0;     // seconds between keyframe requests, 0 = off
    std::vector<std::string> audiocodecs{"opus"};
    std::vector<std::string> videocodecs{"vp8"};
    bool audiolevel_ext = true;
    bool audiolevel_event = false;
    uint32_t audio_active_packets = 100;
    uint32_t audio_level_average = 25;
    bool notify_joining = false;
    bool record = false; // accepted and reported; recording is the record plugin's job
    std::string rec_dir;
    bool lock_record = false;
    std::optional<std::vector<std::string>> allowed; // join tokens; nullopt = no check
};

// Reads the keys above from `o` (a create request, a config room, a stored
// room); unknown keys are ignored, bad values throw SfuError 430.
RoomConfig roomConfigFromJson(const Value &o, uint64_t id);
// Applies `edit`'s new_* keys.
void applyEdit(RoomConfig &c, const Value &request);
// Every key, for the store.
std::string roomConfigToJson(const RoomConfig &c);
// A `list` entry (no secret, no pin).
Value roomListEntry(const RoomConfig &c, size_t participants, Allocator &a);

std::string joinCodecs(const std::vector<std::string> &codecs);

} // namespace portunus::sfu
