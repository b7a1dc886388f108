// RTP header extensions we understand: which local id each URI got in the
// SDP (a=extmap), and readers/writers for their values. Readers take the
// bytes RtpPacket::extension(id) returns and validate them.
#pragma once

#include "rtp/rtp_packet.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace portunus::rtp {

enum class ExtensionType : uint8_t {
    mid,              // urn:ietf:params:rtp-hdrext:sdes:mid (RFC 9143)
    rid,              // urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id (RFC 8852)
    repairedRid,      // urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id
    absSendTime,      // http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
    transportWideCc,  // draft-holmer-rmcat-transport-wide-cc-extensions-01
    audioLevel,       // urn:ietf:params:rtp-hdrext:ssrc-audio-level (RFC 6464)
    videoOrientation, // urn:3gpp:video-orientation
    count
};

// URI → local id for one PeerConnection direction: a fixed table, filled
// from the SDP, looked up per packet by type.
class ExtensionMap {
public:
    static std::string_view uri(ExtensionType type);
    static std::optional<ExtensionType> typeOf(std::string_view uri);

    // Registers `uri` under `id` (1..255). False for an unknown URI or a bad id.
    bool add(std::string_view uri, uint8_t id);
    void set(ExtensionType type, uint8_t id) { ids_[static_cast<size_t>(type)] = id; }
    uint8_t id(ExtensionType type) const { return ids_[static_cast<size_t>(type)]; }
    void clear() { ids_.fill(0); }

    // The bytes of the extension in `packet` (empty if not negotiated or absent).
    std::span<const uint8_t> find(const RtpPacket &packet, ExtensionType type) const {
        uint8_t i = id(type);
        return i ? packet.extension(i) : std::span<const uint8_t>{};
    }

private:
    std::array<uint8_t, static_cast<size_t>(ExtensionType::count)> ids_{};
};

// A mid / rid / repaired-rid value: up to 16 characters in a fixed buffer.
struct SdesId {
    static constexpr size_t kMaxSize = 16;
    std::array<char, kMaxSize> chars{};
    uint8_t size = 0;
    std::string_view view() const { return {chars.data(), size}; }
};

struct AudioLevel {
    bool voice = false;    // the V bit: the sender's VAD says this is speech
    uint8_t level = 127;   // -dBov, 0 (loudest) .. 127 (silence)
};

struct VideoOrientation {
    bool camera = false;   // C: 0 front-facing, 1 back-facing
    bool flip = false;     // F: horizontal flip
    uint16_t rotation = 0; // degrees clockwise: 0, 90, 180, 270
};

// Readers: std::nullopt when the bytes are not a valid value.
std::optional<SdesId> readSdesId(std::span<const uint8_t> ext); // mid, rid, repaired-rid
std::optional<uint32_t> readAbsSendTime(std::span<const uint8_t> ext); // 6.18 fixed-point seconds, 24 bits
std::optional<uint16_t> readTransportSeq(std::span<const uint8_t> ext);
std::optional<AudioLevel> readAudioLevel(std::span<const uint8_t> ext);
std::optional<VideoOrientation> readVideoOrientation(std::span<const uint8_t> ext);

// abs-send-time value (24 bits, 6.18 fixed-point seconds) for a time in microseconds.
uint32_t absSendTimeFromUs(int64_t time_us);

// Writers for what we stamp on packets we send: the packet must already
// carry the extension under `id` with the right size.
bool writeAbsSendTime(RtpPacket &packet, uint8_t id, uint32_t value);
bool writeTransportSeq(RtpPacket &packet, uint8_t id, uint16_t seq);

} // namespace portunus::rtp
