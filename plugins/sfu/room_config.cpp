#include "room_config.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <array>
#include <string_view>

namespace portunus::sfu {

namespace {

constexpr std::array<std::string_view, 4> kAudioCodecs{"opus", "g722", "pcmu", "pcma"};
constexpr std::array<std::string_view, 4> kVideoCodecs{"vp8", "vp9", "h264", "av1"};

// Janus's comma-separated codec list ("vp9,vp8"), in order of preference.
template <size_t N>
std::vector<std::string> parseCodecs(const std::string &list, const std::array<std::string_view, N> &known,
                                     const char *name) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= list.size()) {
        size_t comma = list.find(',', start);
        std::string codec = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        std::transform(codec.begin(), codec.end(), codec.begin(), [](unsigned char ch) { return std::tolower(ch); });
        if (std::find(known.begin(), known.end(), codec) == known.end())
            throw SfuError(kErrorInvalidElement, std::string("Invalid element (") + name + ": unsupported codec '" + codec + "')");
        if (std::find(out.begin(), out.end(), codec) == out.end()) out.push_back(codec);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

uint32_t bounded(uint64_t v, uint64_t min, uint64_t max, const char *name) {
    if (v < min || v > max)
        throw SfuError(kErrorInvalidElement, std::string("Invalid element (") + name + " should be between " +
                                                 std::to_string(min) + " and " + std::to_string(max) + ")");
    return static_cast<uint32_t>(v);
}

void setUint(const Value &o, const char *name, uint32_t &out, uint64_t min, uint64_t max) {
    if (auto v = optUint(o, name)) out = bounded(*v, min, max, name);
}

void setBool(const Value &o, const char *name, bool &out) {
    if (auto v = optBool(o, name)) out = *v;
}

void setString(const Value &o, const char *name, std::string &out) {
    if (auto v = optString(o, name)) out = *v;
}

constexpr uint64_t kMaxBitrate = 100'000'000;

} // namespace

RoomConfig roomConfigFromJson(const Value &o, uint64_t id) {
    RoomConfig c;
    c.id = id;
    c.description = "Room " + std::to_string(id);
    setString(o, "description", c.description);
    setString(o, "secret", c.secret);
    setString(o, "pin", c.pin);
    setBool(o, "is_private", c.is_private);
    setBool(o, "require_pvtid", c.require_pvtid);
    setUint(o, "publishers", c.publishers, 1, 1000);
    setUint(o, "max_streams", c.max_streams, 1, kMaxPublisherStreams);
    setUint(o, "bitrate", c.bitrate, 0, kMaxBitrate);
    setBool(o, "bitrate_cap", c.bitrate_cap);
    setUint(o, "fir_freq", c.fir_freq, 0, 3600);
    if (auto v = optString(o, "audiocodec")) c.audiocodecs = parseCodecs(*v, kAudioCodecs, "audiocodec");
    if (auto v = optString(o, "videocodec")) c.videocodecs = parseCodecs(*v, kVideoCodecs, "videocodec");
    setBool(o, "audiolevel_ext", c.audiolevel_ext);
    setBool(o, "audiolevel_event", c.audiolevel_event);
    setUint(o, "audio_active_packets", c.audio_active_packets, 1, 10000);
    setUint(o, "audio_level_average", c.audio_level_average, 0, 127);
    setBool(o, "notify_joining", c.notify_joining);
    setBool(o, "record", c.record);
    setString(o, "rec_dir", c.rec_dir);
    setBool(o, "lock_record", c.lock_record);
    if (auto v = optStrings(o, "allowed")) c.allowed = *v;
    return c;
}

void applyEdit(RoomConfig &c, const Value &r) {
    // Validate everything before changing anything: a bad field changes nothing.
    RoomConfig next = c;
    setString(r, "new_description", next.description);
    setString(r, "new_secret", next.secret);
    setString(r, "new_pin", next.pin);
    setBool(r, "new_is_private", next.is_private);
    setBool(r, "new_require_pvtid", next.require_pvtid);
    setUint(r, "new_bitrate", next.bitrate, 0, kMaxBitrate);
    setUint(r, "new_fir_freq", next.fir_freq, 0, 3600);
    setUint(r, "new_publishers", next.publishers, 1, 1000);
    setUint(r, "new_max_streams", next.max_streams, 1, kMaxPublisherStreams);
    setBool(r, "new_lock_record", next.lock_record);
    setString(r, "new_rec_dir", next.rec_dir);
    c = std::move(next);
}

std::string joinCodecs(const std::vector<std::string> &codecs) {
    std::string out;
    for (const auto &codec : codecs) out += (out.empty() ? "" : ",") + codec;
    return out;
}

std::string roomConfigToJson(const RoomConfig &c) {
    rapidjson::Document d(rapidjson::kObjectType);
    auto &a = d.GetAllocator();
    d.AddMember("description", str(c.description, a), a);
    if (!c.secret.empty()) d.AddMember("secret", str(c.secret, a), a);
    if (!c.pin.empty()) d.AddMember("pin", str(c.pin, a), a);
    d.AddMember("is_private", c.is_private, a);
    d.AddMember("require_pvtid", c.require_pvtid, a);
    d.AddMember("publishers", c.publishers, a);
    d.AddMember("max_streams", c.max_streams, a);
    d.AddMember("bitrate", c.bitrate, a);
    d.AddMember("bitrate_cap", c.bitrate_cap, a);
    d.AddMember("fir_freq", c.fir_freq, a);
    d.AddMember("audiocodec", str(joinCodecs(c.audiocodecs), a), a);
    d.AddMember("videocodec", str(joinCodecs(c.videocodecs), a), a);
    d.AddMember("audiolevel_ext", c.audiolevel_ext, a);
    d.AddMember("audiolevel_event", c.audiolevel_event, a);
    d.AddMember("audio_active_packets", c.audio_active_packets, a);
    d.AddMember("audio_level_average", c.audio_level_average, a);
    d.AddMember("notify_joining", c.notify_joining, a);
    d.AddMember("record", c.record, a);
    if (!c.rec_dir.empty()) d.AddMember("rec_dir", str(c.rec_dir, a), a);
    d.AddMember("lock_record", c.lock_record, a);
    if (c.allowed) {
        Value list(rapidjson::kArrayType);
        for (const auto &t : *c.allowed) list.PushBack(str(t, a), a);
        d.AddMember("allowed", list, a);
    }
    return toJson(d);
}

Value roomListEntry(const RoomConfig &c, size_t participants, Allocator &a) {
    Value e(rapidjson::kObjectType);
    e.AddMember("room", c.id, a);
    e.AddMember("description", str(c.description, a), a);
    e.AddMember("pin_required", !c.pin.empty(), a);
    e.AddMember("is_private", c.is_private, a);
    e.AddMember("max_publishers", c.publishers, a);
    e.AddMember("max_streams", c.max_streams, a);
    e.AddMember("bitrate", c.bitrate, a);
    if (c.bitrate_cap) e.AddMember("bitrate_cap", true, a);
    e.AddMember("fir_freq", c.fir_freq, a);
    e.AddMember("require_pvtid", c.require_pvtid, a);
    e.AddMember("require_e2ee", false, a);
    e.AddMember("dummy_publisher", false, a);
    e.AddMember("notify_joining", c.notify_joining, a);
    e.AddMember("audiocodec", str(joinCodecs(c.audiocodecs), a), a);
    e.AddMember("videocodec", str(joinCodecs(c.videocodecs), a), a);
    e.AddMember("record", c.record, a);
    if (!c.rec_dir.empty()) e.AddMember("rec_dir", str(c.rec_dir, a), a);
    e.AddMember("lock_record", c.lock_record, a);
    e.AddMember("num_participants", static_cast<uint64_t>(participants), a);
    e.AddMember("audiolevel_ext", c.audiolevel_ext, a);
    e.AddMember("audiolevel_event", c.audiolevel_event, a);
    if (c.audiolevel_event) {
        e.AddMember("audio_active_packets", c.audio_active_packets, a);
        e.AddMember("audio_level_average", c.audio_level_average, a);
    }
    return e;
}

} // namespace portunus::sfu
