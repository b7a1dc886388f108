#include "portunus/media/codec.hpp"

#include "portunus/media/vp8.hpp"
#include "portunus/media/vp9.hpp"

#include "byte_reader.hpp"

namespace portunus::media {

namespace {

struct NamedCodec {
    std::string_view name;
    Codec codec;
};

constexpr NamedCodec kNames[] = {
    {"opus", Codec::opus}, {"pcmu", Codec::pcmu}, {"pcma", Codec::pcma}, {"g722", Codec::g722},
    {"vp8", Codec::vp8},   {"vp9", Codec::vp9},   {"h264", Codec::h264}, {"av1", Codec::av1},
    {"av1x", Codec::av1},  {"h265", Codec::h265}, {"hevc", Codec::h265},
};

bool equalsLowerCase(std::string_view text, std::string_view lower) {
    if (text.size() != lower.size()) return false;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
        if (c != lower[i]) return false;
    }
    return true;
}

// Walks the NAL units of an aggregation packet (16-bit size before each) from
// p[pos]; true when `key` holds for one of them. A truncated unit ends the walk.
template <typename KeyNal>
bool anyAggregatedUnit(const uint8_t *p, size_t n, size_t pos, size_t nal_header_size, KeyNal key) {
    while (n - pos >= 2) {
        const size_t size = detail::read16(p + pos);
        pos += 2;
        if (size < nal_header_size || size > n - pos) return false;
        if (key(p + pos)) return true;
        pos += size;
    }
    return false;
}

bool isH264KeyNal(uint8_t type) { return type == 5 || type == 7; } // IDR slice, SPS

uint8_t h265NalType(const uint8_t *nal_header) { return (nal_header[0] >> 1) & 0x3F; }
bool isH265IrapNal(uint8_t type) { return type >= 16 && type <= 21; }
bool isH265KeyNal(uint8_t type) { return isH265IrapNal(type) || type == 32 || type == 33; } // IRAP, VPS, SPS

} // namespace

Codec codecFromName(std::string_view name) {
    for (const NamedCodec &c : kNames)
        if (equalsLowerCase(name, c.name)) return c.codec;
    return Codec::unknown;
}

const char *codecName(Codec codec) {
    for (const NamedCodec &c : kNames)
        if (c.codec == codec) return c.name.data(); // the first name is the canonical one
    return "unknown";
}

bool isH264Keyframe(const uint8_t *payload, size_t n) {
    if (payload == nullptr || n == 0) return false;
    const uint8_t type = payload[0] & 0x1F;
    if (type == 24) // STAP-A
        return anyAggregatedUnit(payload, n, 1, 1, [](const uint8_t *nal) { return isH264KeyNal(nal[0] & 0x1F); });
    if (type == 28) // FU-A: FU header with S bit and the fragmented unit's type
        return n >= 2 && (payload[1] & 0x80) != 0 && (payload[1] & 0x1F) == 5;
    return isH264KeyNal(type);
}

bool isH265Keyframe(const uint8_t *payload, size_t n) {
    if (payload == nullptr || n < 2) return false;
    const uint8_t type = h265NalType(payload);
    if (type == 48) // AP (without DONL: sprop-max-don-diff is 0 in WebRTC)
        return anyAggregatedUnit(payload, n, 2, 2, [](const uint8_t *nal) { return isH265KeyNal(h265NalType(nal)); });
    if (type == 49) // FU: FU header with S bit and the fragmented unit's type
        return n >= 3 && (payload[2] & 0x80) != 0 && isH265IrapNal(payload[2] & 0x3F);
    return isH265KeyNal(type);
}

bool isAv1Keyframe(const uint8_t *payload, size_t n) {
    return payload != nullptr && n >= 1 && (payload[0] & 0x08) != 0; // Z|Y|W|W|N|-|-|-
}

bool isKeyframe(Codec codec, const uint8_t *payload, size_t n) {
    switch (codec) {
    case Codec::vp8: return isVp8Keyframe(payload, n);
    case Codec::vp9: return isVp9Keyframe(payload, n);
    case Codec::h264: return isH264Keyframe(payload, n);
    case Codec::h265: return isH265Keyframe(payload, n);
    case Codec::av1: return isAv1Keyframe(payload, n);
    default: return false;
    }
}

} // namespace portunus::media
