#include "sdp/codecs.hpp"

#include <algorithm>

#include "sdp/text.hpp"

namespace portunus::sdp {

namespace {

// The value a codec's fmtp parameter has when the offer leaves it out.
std::string defaultParameter(std::string_view codec, std::string_view key) {
    if (text::iequals(codec, "H264")) {
        if (text::iequals(key, "packetization-mode")) return "0";
        if (text::iequals(key, "profile-level-id")) return "42000a";
    }
    if (text::iequals(codec, "VP9") && text::iequals(key, "profile-id")) return "0";
    if (text::iequals(codec, "AV1") && text::iequals(key, "profile")) return "0";
    return "";
}

std::optional<uint8_t> hexByte(std::string_view two) {
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    int hi = nibble(two[0]), lo = nibble(two[1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    return static_cast<uint8_t>(hi * 16 + lo);
}

// profile_iop bits, most significant first: '1', '0' or 'x' (either).
bool matchesBits(uint8_t value, std::string_view pattern) {
    for (int bit = 0; bit < 8; ++bit) {
        char want = pattern[static_cast<size_t>(bit)];
        bool set = value & (0x80 >> bit);
        if ((want == '1' && !set) || (want == '0' && set)) return false;
    }
    return true;
}

} // namespace

std::vector<CodecPreference> defaultAudioCodecs() { return {{"opus", 48000, 2, {}}}; }

std::vector<CodecPreference> defaultVideoCodecs() {
    return {
        {"VP8", 90000, 0, {}},
        {"VP9", 90000, 0, {{"profile-id", "0"}}},
        {"H264", 90000, 0, {{"packetization-mode", "1"}, {"profile-level-id", "42e01f"}}},
        {"H264", 90000, 0, {{"packetization-mode", "1"}}},
        {"AV1", 90000, 0, {{"profile", "0"}}},
    };
}

std::optional<H264Profile> h264Profile(std::string_view profileLevelId) {
    if (profileLevelId.size() != 6) return std::nullopt;
    auto idc = hexByte(profileLevelId.substr(0, 2));
    auto iop = hexByte(profileLevelId.substr(2, 2));
    if (!idc || !iop || !hexByte(profileLevelId.substr(4, 2))) return std::nullopt;
    // The table of webrtc's h264_profile_level_id.cc (RFC 6184 §8.1, table 5).
    struct Pattern {
        uint8_t idc;
        std::string_view iop;
        H264Profile profile;
    };
    static constexpr Pattern kPatterns[] = {
        {0x42, "x1xx0000", H264Profile::ConstrainedBaseline},
        {0x4D, "1xxx0000", H264Profile::ConstrainedBaseline},
        {0x58, "11xx0000", H264Profile::ConstrainedBaseline},
        {0x42, "x0xx0000", H264Profile::Baseline},
        {0x58, "10xx0000", H264Profile::Baseline},
        {0x4D, "0x0x0000", H264Profile::Main},
        {0x64, "00000000", H264Profile::High},
        {0x64, "00001100", H264Profile::ConstrainedHigh},
        {0xF4, "00000000", H264Profile::PredictiveHigh444},
    };
    for (const auto &p : kPatterns)
        if (p.idc == *idc && matchesBits(*iop, p.iop)) return p.profile;
    return std::nullopt;
}

bool matchesCodec(const CodecPreference &preference, const MediaSection &m, int payloadType) {
    const Rtpmap *map = m.rtpmap(payloadType);
    if (!map || !text::iequals(map->encoding, preference.name)) return false;
    if (preference.clockRate && map->clockRate != preference.clockRate) return false;
    if (preference.channels && std::max<uint32_t>(map->channels, 1) != preference.channels) return false;
    const Fmtp *fmtp = m.fmtp(payloadType);
    for (const auto &[key, wanted] : preference.parameters) {
        std::optional<std::string> offered = fmtp ? fmtp->parameter(key) : std::nullopt;
        std::string value = offered ? *offered : defaultParameter(map->encoding, key);
        if (text::iequals(map->encoding, "H264") && text::iequals(key, "profile-level-id")) {
            auto have = h264Profile(value);
            if (!have || have != h264Profile(wanted)) return false;
        } else if (!text::iequals(value, wanted)) {
            return false;
        }
    }
    return true;
}

std::optional<CodecChoice> chooseCodec(const MediaSection &m, const std::vector<CodecPreference> &preferences) {
    std::vector<int> offered = m.payloadTypes();
    for (const auto &preference : preferences)
        for (int pt : offered)
            if (matchesCodec(preference, m, pt)) return CodecChoice{pt, m.rtxFor(pt)};
    return std::nullopt;
}

} // namespace portunus::sdp
