#include "net/dcep.hpp"

namespace portunus::net::dcep {

namespace {

constexpr uint8_t kUnorderedBit = 0x80;
// RFC 8832 §8.2.2: the low bits of the channel type.
constexpr uint8_t kTypeReliable = 0x00;
constexpr uint8_t kTypeRexmit = 0x01;
constexpr uint8_t kTypeTimed = 0x02;

uint16_t read16(const uint8_t *p) { return static_cast<uint16_t>((p[0] << 8) | p[1]); }
uint32_t read32(const uint8_t *p) {
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}
void put16(std::vector<uint8_t> &out, uint16_t v) {
    out.push_back(static_cast<uint8_t>(v >> 8));
    out.push_back(static_cast<uint8_t>(v));
}
void put32(std::vector<uint8_t> &out, uint32_t v) {
    put16(out, static_cast<uint16_t>(v >> 16));
    put16(out, static_cast<uint16_t>(v));
}

} // namespace

std::optional<MessageType> messageType(const uint8_t *data, size_t length) {
    if (!data || length == 0) return std::nullopt;
    switch (data[0]) {
    case static_cast<uint8_t>(MessageType::ack): return MessageType::ack;
    case static_cast<uint8_t>(MessageType::open): return MessageType::open;
    default: return std::nullopt;
    }
}

std::optional<Open> parseOpen(const uint8_t *data, size_t length) {
    if (!data || length < kOpenHeaderSize || data[0] != static_cast<uint8_t>(MessageType::open)) return std::nullopt;
    Open open;
    uint8_t type = data[1];
    open.params.ordered = (type & kUnorderedBit) == 0;
    switch (type & ~kUnorderedBit) {
    case kTypeReliable: open.params.reliability = Reliability::reliable; break;
    case kTypeRexmit: open.params.reliability = Reliability::max_retransmits; break;
    case kTypeTimed: open.params.reliability = Reliability::max_packet_lifetime; break;
    default: return std::nullopt;
    }
    open.params.priority = read16(data + 2);
    open.params.reliability_value =
        open.params.reliability == Reliability::reliable ? 0 : read32(data + 4); // §5.1: ignored when reliable
    size_t label_length = read16(data + 8);
    size_t protocol_length = read16(data + 10);
    if (length - kOpenHeaderSize < label_length + protocol_length) return std::nullopt;
    const char *text = reinterpret_cast<const char *>(data + kOpenHeaderSize);
    open.label.assign(text, label_length);
    open.protocol.assign(text + label_length, protocol_length);
    return open;
}

bool isAck(const uint8_t *data, size_t length) {
    return data && length >= 1 && data[0] == static_cast<uint8_t>(MessageType::ack);
}

uint8_t channelType(const ChannelParams &params) {
    uint8_t type = kTypeReliable;
    if (params.reliability == Reliability::max_retransmits) type = kTypeRexmit;
    if (params.reliability == Reliability::max_packet_lifetime) type = kTypeTimed;
    return params.ordered ? type : static_cast<uint8_t>(type | kUnorderedBit);
}

std::vector<uint8_t> buildOpen(const Open &open) {
    if (open.label.size() > kMaxLabelLength || open.protocol.size() > kMaxLabelLength) return {};
    std::vector<uint8_t> out;
    out.reserve(kOpenHeaderSize + open.label.size() + open.protocol.size());
    out.push_back(static_cast<uint8_t>(MessageType::open));
    out.push_back(channelType(open.params));
    put16(out, open.params.priority);
    put32(out, open.params.reliability == Reliability::reliable ? 0 : open.params.reliability_value);
    put16(out, static_cast<uint16_t>(open.label.size()));
    put16(out, static_cast<uint16_t>(open.protocol.size()));
    out.insert(out.end(), open.label.begin(), open.label.end());
    out.insert(out.end(), open.protocol.begin(), open.protocol.end());
    return out;
}

uint8_t buildAck() { return static_cast<uint8_t>(MessageType::ack); }

} // namespace portunus::net::dcep
