// The kinds of m-line a room carries, and the codecs it offers subscribers
// with the payload types its offers name.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace portunus::sfu {

enum class MediaKind { audio, video, data };

const char *kindName(MediaKind k);
std::optional<MediaKind> kindFromName(std::string_view name);

// What a subscriber offer says for one codec.
struct OfferCodec {
    const char *name;
    uint8_t payload_type;
    uint8_t rtx_payload_type; // 0 = none
    uint32_t clock_rate;
    const char *fmtp; // "" = none
};

// The entry for a codec name as Janus spells it ("opus", "vp8", ...); nullopt if unknown.
std::optional<OfferCodec> offerCodec(std::string_view name);

} // namespace portunus::sfu
