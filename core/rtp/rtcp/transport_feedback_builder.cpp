#include "rtp/rtcp/transport_feedback_builder.hpp"

#include "rtp/rtcp/feedback.hpp"
#include "rtp/rtcp/transport_feedback.hpp"

#include <cstring>

namespace portunus::rtp::rtcp {
namespace {

int64_t floorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Packs symbols into chunks the way libwebrtc does: keep up to 14 pending
// symbols; when the next one cannot join, emit a run-length chunk (all the
// same), a one-bit vector (14 symbols without large deltas) or a two-bit
// vector of the first 7.
class ChunkEncoder {
public:
    static constexpr size_t kRunLengthMax = 0x1FFF, kOneBitCapacity = 14, kTwoBitCapacity = 7;

    explicit ChunkEncoder(std::span<uint16_t> out) : out_(out) {}

    size_t emitted() const { return emitted_; }

    void add(uint8_t symbol) {
        if (!canAdd(symbol)) emit();
        if (size_ < kOneBitCapacity) pending_[size_] = symbol;
        all_same_ = all_same_ && (size_ == 0 || symbol == pending_[0]);
        has_large_ = has_large_ || symbol == 2;
        ++size_;
    }

    void finish() {
        if (size_ == 0) return;
        if (all_same_) push(runLength());
        else if (size_ <= kTwoBitCapacity) push(twoBit(size_));
        else push(oneBit());
        size_ = 0;
    }

private:
    bool canAdd(uint8_t symbol) const {
        if (size_ < kTwoBitCapacity) return true;
        if (size_ < kOneBitCapacity && !has_large_ && symbol != 2) return true;
        return size_ < kRunLengthMax && all_same_ && pending_[0] == symbol;
    }

    void emit() {
        if (all_same_) {
            push(runLength());
            reset();
        } else if (size_ == kOneBitCapacity) {
            push(oneBit());
            reset();
        } else { // a large delta among >= 7 mixed symbols: send the first 7
            push(twoBit(kTwoBitCapacity));
            size_ -= kTwoBitCapacity;
            all_same_ = true;
            has_large_ = false;
            for (size_t i = 0; i < size_; ++i) {
                pending_[i] = pending_[kTwoBitCapacity + i];
                all_same_ = all_same_ && pending_[i] == pending_[0];
                has_large_ = has_large_ || pending_[i] == 2;
            }
        }
    }

    void reset() {
        size_ = 0;
        all_same_ = true;
        has_large_ = false;
    }
    uint16_t runLength() const { return static_cast<uint16_t>((pending_[0] << 13) | size_); }
    uint16_t oneBit() const {
        uint16_t chunk = 0x8000;
        for (size_t i = 0; i < size_; ++i) chunk |= static_cast<uint16_t>(pending_[i] << (13 - i));
        return chunk;
    }
    uint16_t twoBit(size_t n) const {
        uint16_t chunk = 0xC000;
        for (size_t i = 0; i < n; ++i) chunk |= static_cast<uint16_t>(pending_[i] << (2 * (6 - i)));
        return chunk;
    }
    void push(uint16_t chunk) {
        if (emitted_ < out_.size()) out_[emitted_] = chunk;
        ++emitted_;
    }

    std::span<uint16_t> out_;
    size_t emitted_ = 0;
    std::array<uint8_t, kOneBitCapacity> pending_{};
    size_t size_ = 0;
    bool all_same_ = true;
    bool has_large_ = false;
};

} // namespace

bool TransportFeedbackBuilder::onPacket(uint16_t transport_seq, int64_t arrival_us) {
    int64_t seq = unwrapper_.unwrap(transport_seq);
    if (!started_) {
        started_ = true;
        next_ = highest_ = seq;
        slot(seq) = arrival_us;
        return true;
    }
    if (seq < next_) return false;
    if (seq > highest_) {
        // Statuses between the old and the new highest start out "not received".
        int64_t from = seq - int64_t(kWindow) + 1 > highest_ + 1 ? seq - int64_t(kWindow) + 1 : highest_ + 1;
        for (int64_t s = from; s < seq; ++s) slot(s) = kNotReceived;
        slot(seq) = kNotReceived;
        highest_ = seq;
        if (seq - next_ >= int64_t(kWindow)) next_ = seq - int64_t(kWindow) + 1;
    }
    int64_t &arrival = slot(seq);
    if (arrival == kNotReceived) arrival = arrival_us; // a duplicate keeps its first arrival
    return true;
}

size_t TransportFeedbackBuilder::write(std::span<uint8_t> out, uint32_t sender_ssrc, uint32_t media_ssrc) {
    if (!hasPending()) return 0;
    constexpr size_t kFixed = TransportFeedback::kFixedSize;
    if (out.size() < kFixed + 4) return 0;

    int64_t first_arrival = kNotReceived;
    for (int64_t s = next_; s <= highest_ && first_arrival == kNotReceived; ++s) first_arrival = slot(s);
    if (first_arrival == kNotReceived) return 0; // cannot happen: highest_ was received
    int64_t reference = floorDiv(first_arrival, kTccReferenceTickUs);
    int64_t last_ticks = reference * (kTccReferenceTickUs / kTccDeltaTickUs);

    std::array<uint16_t, kWindow> chunks;
    std::array<uint8_t, 2 * kWindow> deltas;
    ChunkEncoder encoder(chunks);
    size_t delta_bytes = 0, count = 0;
    for (int64_t s = next_; s <= highest_; ++s) {
        int64_t arrival = slot(s);
        uint8_t symbol = 0;
        int64_t delta = 0, ticks = 0;
        if (arrival != kNotReceived) {
            ticks = floorDiv(arrival, kTccDeltaTickUs);
            delta = ticks - last_ticks;
            if (delta >= 0 && delta <= 0xFF) symbol = 1;
            else if (delta >= INT16_MIN && delta <= INT16_MAX) symbol = 2;
            else break; // not expressible: the next feedback starts here
        }
        // Worst case once this status is in: one more chunk emitted plus the pending one.
        size_t bound = kFixed + 2 * (encoder.emitted() + 2) + delta_bytes + symbol;
        if (((bound + 3) & ~size_t(3)) > out.size()) break;
        encoder.add(symbol);
        if (symbol == 1) {
            deltas[delta_bytes++] = static_cast<uint8_t>(delta);
        } else if (symbol == 2) {
            deltas[delta_bytes++] = static_cast<uint8_t>(static_cast<uint16_t>(delta) >> 8);
            deltas[delta_bytes++] = static_cast<uint8_t>(delta);
        }
        if (symbol) last_ticks = ticks;
        ++count;
    }
    if (count == 0) return 0;
    encoder.finish();

    size_t size = kFixed + 2 * encoder.emitted() + delta_bytes;
    size_t total = (size + 3) & ~size_t(3);
    uint8_t *p = out.data();
    writeFeedbackHeader(p, kRtpFeedback, kFmtTransportFeedback, total, sender_ssrc, media_ssrc);
    write16(p + 12, static_cast<uint16_t>(next_));
    write16(p + 14, static_cast<uint16_t>(count));
    write24(p + 16, static_cast<uint32_t>(reference) & 0xFFFFFF);
    p[19] = fb_count_++;
    for (size_t i = 0; i < encoder.emitted(); ++i) write16(p + kFixed + 2 * i, chunks[i]);
    std::memcpy(p + kFixed + 2 * encoder.emitted(), deltas.data(), delta_bytes);
    std::memset(p + size, 0, total - size); // zero padding (§3.1)
    next_ += static_cast<int64_t>(count);
    return total;
}

} // namespace portunus::rtp::rtcp
