#include "rtp/header_extensions.hpp"

#include "rtp/byte_io.hpp"

namespace portunus::rtp {
namespace {
constexpr std::array<std::string_view, static_cast<size_t>(ExtensionType::count)> kUris = {
    "urn:ietf:params:rtp-hdrext:sdes:mid",
    "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id",
    "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id",
    "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
    "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
    "urn:ietf:params:rtp-hdrext:ssrc-audio-level",
    "urn:3gpp:video-orientation",
};
} // namespace

std::string_view ExtensionMap::uri(ExtensionType type) {
    size_t i = static_cast<size_t>(type);
    return i < kUris.size() ? kUris[i] : std::string_view{};
}

std::optional<ExtensionType> ExtensionMap::typeOf(std::string_view uri) {
    for (size_t i = 0; i < kUris.size(); ++i)
        if (kUris[i] == uri) return static_cast<ExtensionType>(i);
    return std::nullopt;
}

bool ExtensionMap::add(std::string_view uri, uint8_t id) {
    auto type = typeOf(uri);
    if (!type || id == 0) return false;
    set(*type, id);
    return true;
}

std::optional<SdesId> readSdesId(std::span<const uint8_t> ext) {
    // A NUL ends the string early (one-byte form values may be zero-padded).
    size_t n = 0;
    while (n < ext.size() && ext[n] != 0) ++n;
    if (n == 0 || n > SdesId::kMaxSize) return std::nullopt;
    SdesId id;
    for (size_t i = 0; i < n; ++i) {
        uint8_t c = ext[i];
        if (c < 0x21 || c > 0x7E) return std::nullopt; // printable ASCII, no spaces
        id.chars[i] = static_cast<char>(c);
    }
    id.size = static_cast<uint8_t>(n);
    return id;
}

std::optional<uint32_t> readAbsSendTime(std::span<const uint8_t> ext) {
    if (ext.size() != 3) return std::nullopt;
    return read24(ext.data());
}

std::optional<uint16_t> readTransportSeq(std::span<const uint8_t> ext) {
    // v1 is 2 bytes; longer values (the v2 feedback request) start with the seq too.
    if (ext.size() < 2) return std::nullopt;
    return read16(ext.data());
}

std::optional<AudioLevel> readAudioLevel(std::span<const uint8_t> ext) {
    if (ext.empty()) return std::nullopt;
    return AudioLevel{(ext[0] & 0x80) != 0, static_cast<uint8_t>(ext[0] & 0x7F)};
}

std::optional<VideoOrientation> readVideoOrientation(std::span<const uint8_t> ext) {
    if (ext.empty()) return std::nullopt;
    uint8_t b = ext[0];
    return VideoOrientation{(b & 0x08) != 0, (b & 0x04) != 0, static_cast<uint16_t>((b & 0x03) * 90)};
}

uint32_t absSendTimeFromUs(int64_t time_us) {
    // (seconds << 18) without overflow: split into whole seconds and the rest.
    uint64_t us = static_cast<uint64_t>(time_us);
    uint64_t value = ((us / 1000000) << 18) + (((us % 1000000) << 18) / 1000000);
    return static_cast<uint32_t>(value & 0xFFFFFF);
}

bool writeAbsSendTime(RtpPacket &packet, uint8_t id, uint32_t value) {
    uint8_t bytes[3];
    write24(bytes, value & 0xFFFFFF);
    return packet.setExtension(id, bytes);
}

bool writeTransportSeq(RtpPacket &packet, uint8_t id, uint16_t seq) {
    uint8_t bytes[2];
    write16(bytes, seq);
    return packet.setExtension(id, bytes);
}

} // namespace portunus::rtp
