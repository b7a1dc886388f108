// Packets we sent, kept for answering NACKs: a ring of fixed slots indexed
// by sequence number, each with room for one packet of up to kMaxPacketSize
// bytes. Storage is allocated once at construction; storing, looking up and
// building the RTX form never allocate.
#pragma once

#include "rtp/rtp_packet.hpp"
#include "rtp/rtx.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

namespace portunus::rtp {

class RetransmitBuffer {
public:
    // 256 slots hold 0.5 s of a 500 packets/s stream (Janus keeps 500 ms) and
    // more of slower ones, in 384 KiB; each subscriber's video stream has one.
    static constexpr size_t kDefaultSlots = 256;
    static constexpr size_t kMaxPacketSize = 1500;

    // `slots` is rounded up to a power of two, between 16 and 32768.
    explicit RetransmitBuffer(size_t slots = kDefaultSlots);
    RetransmitBuffer(const RetransmitBuffer &) = delete;
    RetransmitBuffer &operator=(const RetransmitBuffer &) = delete;
    RetransmitBuffer(RetransmitBuffer &&) = default; // the storage moves, views into it stay valid
    RetransmitBuffer &operator=(RetransmitBuffer &&) = default;

    // Copies a packet about to be sent (plaintext, before SRTP); it replaces
    // whatever occupied its slot. False when it is larger than kMaxPacketSize.
    bool store(const RtpPacket &packet, int64_t now_us);

    struct Stored {
        std::span<const uint8_t> bytes; // the whole packet
        size_t header_size = 0;
        size_t payload_size = 0; // without padding
        int64_t stored_us = 0;
        int64_t resent_us = 0; // 0 = never resent
        uint16_t resends = 0;
    };
    // The packet with `seq`, if still held (not overwritten, not older than max_age_us when > 0).
    const Stored *find(uint16_t seq, int64_t now_us = 0, int64_t max_age_us = 0) const;

    // Accounts a resend of `seq` unless the previous one was less than
    // `min_interval_us` ago (a NACK repeated within an RTT is not answered twice).
    bool markResent(uint16_t seq, int64_t now_us, int64_t min_interval_us);

    // Writes the RTX form of the stored `seq` into `out`; 0 if not held or no room.
    size_t writeRtx(uint16_t seq, const RtxParams &rtx, std::span<uint8_t> out) const;

    size_t slotCount() const { return mask_ + 1; }
    void clear();

private:
    struct Slot {
        Stored info;
        uint16_t seq = 0;
        bool used = false;
    };
    Slot &slotFor(uint16_t seq) const { return slots_[seq & mask_]; }

    size_t mask_;
    std::unique_ptr<uint8_t[]> storage_; // slotCount() × kMaxPacketSize
    std::unique_ptr<Slot[]> slots_;
};

} // namespace portunus::rtp
