// Generic NACK (RTPFB FMT 1, RFC 4585 §6.2.1): lost packets as PID + BLP
// pairs, each naming a sequence number and a bitmask of the 16 after it.
#pragma once

#include "rtp/rtcp/feedback.hpp"

#include <optional>
#include <span>

namespace portunus::rtp::rtcp {

struct NackItem {
    uint16_t pid = 0; // a lost packet
    uint16_t blp = 0; // bit i set: pid + i + 1 lost too
};

class GenericNack {
public:
    static std::optional<GenericNack> parse(const PacketView &packet);

    uint32_t senderSsrc() const { return fb_.sender_ssrc; }
    uint32_t mediaSsrc() const { return fb_.media_ssrc; }
    size_t itemCount() const { return fb_.fci.size() / 4; }
    NackItem item(size_t index) const; // index < itemCount()

    // Calls f(seq) for every sequence number the packet asks for, in packet order.
    template <typename F>
    void forEachLost(F &&f) const {
        for (size_t i = 0; i < itemCount(); ++i) {
            NackItem it = item(i);
            f(it.pid);
            for (unsigned bit = 0; bit < 16; ++bit)
                if (it.blp & (1u << bit)) f(static_cast<uint16_t>(it.pid + bit + 1));
        }
    }

private:
    FeedbackView fb_;
};

// Packs sequence numbers (ascending modulo 2^16; unordered input still works,
// just less tightly) into PID/BLP pairs. Returns the number of items the
// packing needs; only the first out.size() are written.
size_t packNackItems(std::span<const uint16_t> seqs, std::span<NackItem> out);

// A NACK for `seqs`; bytes written or 0 if it does not fit (or seqs is empty).
size_t writeGenericNack(std::span<uint8_t> out, uint32_t sender_ssrc, uint32_t media_ssrc,
                        std::span<const uint16_t> seqs);

} // namespace portunus::rtp::rtcp
