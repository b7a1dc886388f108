#include "rtp/retransmit_buffer.hpp"

#include <cstring>

namespace portunus::rtp {
namespace {
size_t roundSlots(size_t n) {
    size_t s = 16;
    while (s < n && s < 32768) s <<= 1;
    return s;
}
} // namespace

RetransmitBuffer::RetransmitBuffer(size_t slots)
    : mask_(roundSlots(slots) - 1), storage_(new uint8_t[(mask_ + 1) * kMaxPacketSize]),
      slots_(new Slot[mask_ + 1]) {}

bool RetransmitBuffer::store(const RtpPacket &packet, int64_t now_us) {
    if (packet.size() > kMaxPacketSize) return false;
    uint16_t seq = packet.sequence();
    Slot &slot = slotFor(seq);
    uint8_t *dst = storage_.get() + (seq & mask_) * kMaxPacketSize;
    std::memcpy(dst, packet.data(), packet.size());
    slot.seq = seq;
    slot.used = true;
    slot.info = Stored{{dst, packet.size()}, packet.headerSize(), packet.payloadSize(), now_us, 0, 0};
    return true;
}

const RetransmitBuffer::Stored *RetransmitBuffer::find(uint16_t seq, int64_t now_us, int64_t max_age_us) const {
    const Slot &slot = slotFor(seq);
    if (!slot.used || slot.seq != seq) return nullptr;
    if (max_age_us > 0 && now_us - slot.info.stored_us > max_age_us) return nullptr;
    return &slot.info;
}

bool RetransmitBuffer::markResent(uint16_t seq, int64_t now_us, int64_t min_interval_us) {
    Slot &slot = slotFor(seq);
    if (!slot.used || slot.seq != seq) return false;
    if (slot.info.resends > 0 && now_us - slot.info.resent_us < min_interval_us) return false;
    slot.info.resent_us = now_us;
    ++slot.info.resends;
    return true;
}

size_t RetransmitBuffer::writeRtx(uint16_t seq, const RtxParams &rtx, std::span<uint8_t> out) const {
    const Stored *s = find(seq);
    if (s == nullptr) return 0;
    return rtp::writeRtx(s->bytes.first(s->header_size), s->bytes.subspan(s->header_size, s->payload_size), rtx, out);
}

void RetransmitBuffer::clear() {
    for (size_t i = 0; i <= mask_; ++i) slots_[i].used = false;
}

} // namespace portunus::rtp
