// Transport-wide congestion control feedback (RTPFB FMT 15,
// draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1): base sequence
// number, status count, reference time (24 bits, 64 ms units), feedback
// count, then packet status chunks and receive deltas (250 µs units).
// parse() validates the whole packet (chunks and deltas fit, no reserved
// symbol) so the status reader can then walk it without further checks.
#pragma once

#include "rtp/rtcp/feedback.hpp"

#include <optional>
#include <span>

namespace portunus::rtp::rtcp {

inline constexpr int64_t kTccDeltaTickUs = 250;
inline constexpr int64_t kTccReferenceTickUs = 64000;

enum class TccSymbol : uint8_t { notReceived = 0, smallDelta = 1, largeDelta = 2 };

struct TccPacketStatus {
    uint16_t seq = 0;
    bool received = false;
    int16_t delta = 0; // receive delta in 250 µs ticks (0 when not received)
};

class TransportFeedback {
public:
    static constexpr size_t kFixedSize = kFeedbackHeaderSize + 8;

    static std::optional<TransportFeedback> parse(const PacketView &packet);

    uint32_t senderSsrc() const { return sender_ssrc_; }
    uint32_t mediaSsrc() const { return media_ssrc_; }
    uint16_t baseSequence() const { return base_seq_; }
    uint16_t statusCount() const { return status_count_; }
    int32_t referenceTime() const { return reference_time_; } // 24-bit signed, 64 ms units
    int64_t referenceTimeUs() const { return int64_t(reference_time_) * kTccReferenceTickUs; }
    uint8_t feedbackCount() const { return fb_count_; }
    size_t receivedCount() const { return received_count_; }

    // Walks the statuses in sequence order: while (r.next(status)) ...
    class Reader {
    public:
        explicit Reader(const TransportFeedback &fb) : fb_(&fb) {}
        bool next(TccPacketStatus &out);

    private:
        const TransportFeedback *fb_;
        size_t done_ = 0;     // statuses returned
        size_t chunk_ = 0;    // index of the next chunk to load
        uint16_t current_ = 0;
        size_t in_chunk_ = 0; // statuses left in the current chunk
        size_t symbol_ = 0;   // index of the next symbol in the current chunk
        size_t delta_pos_ = 0;
    };
    Reader reader() const { return Reader(*this); }

private:
    uint32_t sender_ssrc_ = 0;
    uint32_t media_ssrc_ = 0;
    uint16_t base_seq_ = 0;
    uint16_t status_count_ = 0;
    int32_t reference_time_ = 0;
    uint8_t fb_count_ = 0;
    size_t received_count_ = 0;
    const uint8_t *chunks_ = nullptr; // chunk_count_ 16-bit chunks
    size_t chunk_count_ = 0;
    const uint8_t *deltas_ = nullptr;
};

// Status chunk helpers shared by the parser and the builder.
namespace tcc {
// How many statuses a chunk holds (before clipping to the status count).
inline size_t chunkCapacity(uint16_t chunk) {
    if ((chunk & 0x8000) == 0) return chunk & 0x1FFF; // run length
    return (chunk & 0x4000) ? 7 : 14;                 // two-bit / one-bit vector
}
inline uint8_t chunkSymbol(uint16_t chunk, size_t index) {
    if ((chunk & 0x8000) == 0) return (chunk >> 13) & 0x03;
    if ((chunk & 0x4000) == 0) return (chunk >> (13 - index)) & 0x01;
    return (chunk >> (2 * (6 - index))) & 0x03;
}
} // namespace tcc

} // namespace portunus::rtp::rtcp
