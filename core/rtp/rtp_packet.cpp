#include "rtp/rtp_packet.hpp"

#include "rtp/byte_io.hpp"

#include <cstring>

namespace portunus::rtp {

std::optional<RtpPacket> RtpPacket::parse(uint8_t *data, size_t len, size_t capacity) {
    constexpr size_t kFixedHeader = 12;
    if (data == nullptr || len < kFixedHeader || capacity < len) return std::nullopt;
    if ((data[0] >> 6) != 2) return std::nullopt;

    RtpPacket p;
    p.data_ = data;
    p.size_ = len;
    p.capacity_ = capacity;
    size_t pos = kFixedHeader + 4 * size_t(data[0] & 0x0F);
    if (pos > len) return std::nullopt;

    if (data[0] & 0x10) {
        if (pos + 4 > len) return std::nullopt;
        p.profile_ = read16(data + pos);
        size_t end = pos + 4 + 4 * size_t(read16(data + pos + 2));
        if (end > len) return std::nullopt;
        if (!p.parseExtensions(pos + 4, end)) return std::nullopt;
        pos = end;
    }
    p.header_size_ = pos;

    if (data[0] & 0x20) {
        if (len == pos) return std::nullopt;
        size_t pad = data[len - 1];
        if (pad == 0 || pad > len - pos) return std::nullopt;
        p.padding_ = pad;
    }
    return p;
}

bool RtpPacket::parseExtensions(size_t begin, size_t end) {
    if (profile_ == kOneByteProfile) {
        form_ = ExtensionForm::oneByte;
        for (size_t i = begin; i < end;) {
            uint8_t id = data_[i] >> 4;
            if (id == 0) { // padding byte
                ++i;
                continue;
            }
            if (id == 15) break; // reserved: stop parsing (RFC 8285 §4.2)
            size_t len = size_t(data_[i] & 0x0F) + 1;
            if (i + 1 + len > end) return false;
            if (!addSlot(id, i + 1, len)) return false;
            i += 1 + len;
        }
    } else if ((profile_ & 0xFFF0) == kTwoByteProfile) {
        form_ = ExtensionForm::twoByte;
        for (size_t i = begin; i < end;) {
            uint8_t id = data_[i];
            if (id == 0) { // padding byte
                ++i;
                continue;
            }
            if (i + 2 > end) return false;
            size_t len = data_[i + 1];
            if (i + 2 + len > end) return false;
            if (!addSlot(id, i + 2, len)) return false;
            i += 2 + len;
        }
    } else {
        form_ = ExtensionForm::other; // an unknown profile: carried but not indexed
    }
    return true;
}

bool RtpPacket::addSlot(uint8_t id, size_t offset, size_t len) {
    if (findSlot(id) != nullptr) return false;        // an id appears at most once
    if (ext_count_ == kMaxExtensions) return true;   // beyond our table: kept, not indexed
    slots_[ext_count_++] = ExtensionSlot{id, static_cast<uint8_t>(len), static_cast<uint32_t>(offset)};
    return true;
}

const RtpPacket::ExtensionSlot *RtpPacket::findSlot(uint8_t id) const {
    for (size_t i = 0; i < ext_count_; ++i)
        if (slots_[i].id == id) return &slots_[i];
    return nullptr;
}

uint16_t RtpPacket::sequence() const { return read16(data_ + 2); }
void RtpPacket::setSequence(uint16_t seq) { write16(data_ + 2, seq); }
uint32_t RtpPacket::timestamp() const { return read32(data_ + 4); }
void RtpPacket::setTimestamp(uint32_t ts) { write32(data_ + 4, ts); }
uint32_t RtpPacket::ssrc() const { return read32(data_ + 8); }
void RtpPacket::setSsrc(uint32_t ssrc) { write32(data_ + 8, ssrc); }

uint32_t RtpPacket::csrc(size_t index) const { return index < csrcCount() ? read32(data_ + 12 + 4 * index) : 0; }

std::span<const uint8_t> RtpPacket::extension(uint8_t id) const {
    const ExtensionSlot *s = id ? findSlot(id) : nullptr;
    if (s == nullptr) return {};
    return {data_ + s->offset, s->len};
}

std::span<uint8_t> RtpPacket::mutableExtension(uint8_t id) {
    const ExtensionSlot *s = id ? findSlot(id) : nullptr;
    if (s == nullptr) return {};
    return {data_ + s->offset, s->len};
}

bool RtpPacket::setExtension(uint8_t id, std::span<const uint8_t> value) {
    const ExtensionSlot *s = id ? findSlot(id) : nullptr;
    if (s == nullptr || s->len != value.size()) return false;
    if (!value.empty()) std::memcpy(data_ + s->offset, value.data(), value.size());
    return true;
}

bool RtpPacket::setExtensionId(uint8_t from, uint8_t to) {
    if (from == 0 || to == 0) return false;
    if (from == to) return findSlot(from) != nullptr;
    if (findSlot(to) != nullptr) return false;
    for (size_t i = 0; i < ext_count_; ++i) {
        ExtensionSlot &s = slots_[i];
        if (s.id != from) continue;
        if (form_ == ExtensionForm::oneByte) {
            if (to > 14) return false;
            uint8_t &b = data_[s.offset - 1];
            b = static_cast<uint8_t>((to << 4) | (b & 0x0F));
        } else {
            data_[s.offset - 2] = to;
        }
        s.id = to;
        return true;
    }
    return false;
}

bool RtpPacket::setPayloadSize(size_t payload_size) {
    if (payload_size > capacity_ - header_size_) return false;
    size_ = header_size_ + payload_size;
    padding_ = 0;
    data_[0] &= static_cast<uint8_t>(~0x20);
    return true;
}

} // namespace portunus::rtp
