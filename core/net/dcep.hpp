// DCEP, the Data Channel Establishment Protocol (RFC 8832): the two messages a
// peer sends on a new SCTP stream to open a WebRTC data channel,
// DATA_CHANNEL_OPEN and DATA_CHANNEL_ACK, carried with PPID 50; plus the PPIDs
// of user messages (RFC 8831 §8). Parsing is bounds-checked, allocates only the
// label and protocol strings and never throws; tests/fuzz/dcep_fuzz.cpp fuzzes it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace portunus::net::dcep {

// SCTP payload protocol identifiers (host order; the wire carries them in
// network order).
constexpr uint32_t kPpidControl = 50;       // DCEP
constexpr uint32_t kPpidString = 51;        // UTF-8 message
constexpr uint32_t kPpidBinaryPartial = 52; // deprecated
constexpr uint32_t kPpidBinary = 53;        // binary message
constexpr uint32_t kPpidStringPartial = 54; // deprecated
constexpr uint32_t kPpidStringEmpty = 56;   // empty UTF-8 message (one 0 byte on the wire)
constexpr uint32_t kPpidBinaryEmpty = 57;   // empty binary message (one 0 byte on the wire)

enum class MessageType : uint8_t { ack = 0x02, open = 0x03 };

enum class Reliability : uint8_t {
    reliable,            // retransmit until acknowledged
    max_retransmits,     // PR-SCTP "rtx": give up after `reliability_value` retransmissions
    max_packet_lifetime, // PR-SCTP "ttl": give up after `reliability_value` milliseconds
};

// How a channel delivers: what DATA_CHANNEL_OPEN's channel type, priority and
// reliability parameter say.
struct ChannelParams {
    bool ordered = true;
    Reliability reliability = Reliability::reliable;
    uint32_t reliability_value = 0; // ignored for reliable channels
    uint16_t priority = 256;        // RFC 8831 §6.4: 128 very-low, 256 low (default), 512 medium, 1024 high
};

struct Open {
    ChannelParams params;
    std::string label;
    std::string protocol;
};

// Fixed part of DATA_CHANNEL_OPEN: type, channel type, priority, reliability
// parameter, label length, protocol length.
constexpr size_t kOpenHeaderSize = 12;
constexpr size_t kMaxLabelLength = 65535;

// The message type of a PPID 50 payload, if it is one we know.
std::optional<MessageType> messageType(const uint8_t *data, size_t length);

// DATA_CHANNEL_OPEN. Rejects unknown channel types and label/protocol lengths
// that run past the end; bytes after the protocol are ignored.
std::optional<Open> parseOpen(const uint8_t *data, size_t length);
// DATA_CHANNEL_ACK: one byte.
bool isAck(const uint8_t *data, size_t length);

// Empty when the label or protocol is longer than kMaxLabelLength.
std::vector<uint8_t> buildOpen(const Open &open);
uint8_t buildAck();

// The channel type byte: 0x80 means unordered, the low bits the reliability.
uint8_t channelType(const ChannelParams &params);

} // namespace portunus::net::dcep
