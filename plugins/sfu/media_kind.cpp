#include "media_kind.hpp"

#include <array>

namespace portunus::sfu {

namespace {

// Payload types as browsers commonly number them, so offers look familiar.
constexpr std::array<OfferCodec, 8> kCodecs{{
    {"opus", 111, 0, 48000, "minptime=10;useinbandfec=1"},
    {"pcmu", 0, 0, 8000, ""},
    {"pcma", 8, 0, 8000, ""},
    {"g722", 9, 0, 8000, ""},
    {"vp8", 96, 97, 90000, ""},
    {"vp9", 98, 99, 90000, "profile-id=0"},
    {"h264", 102, 103, 90000, "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f"},
    {"av1", 45, 46, 90000, ""},
}};

} // namespace

const char *kindName(MediaKind k) {
    switch (k) {
    case MediaKind::audio: return "audio";
    case MediaKind::video: return "video";
    case MediaKind::data: return "data";
    }
    return "data";
}

std::optional<MediaKind> kindFromName(std::string_view name) {
    if (name == "audio") return MediaKind::audio;
    if (name == "video") return MediaKind::video;
    if (name == "application" || name == "data") return MediaKind::data;
    return std::nullopt;
}

std::optional<OfferCodec> offerCodec(std::string_view name) {
    for (const auto &c : kCodecs)
        if (name == c.name) return c;
    return std::nullopt;
}

} // namespace portunus::sfu
