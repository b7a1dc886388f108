// 16-bit RTP sequence number arithmetic (wraps at 65536) and an unwrapper to
// a monotonic 64-bit counter.
#pragma once

#include <cstdint>

namespace portunus::rtp {

// Signed distance from `b` to `a` (a - b), assuming they are less than half the space apart.
inline int16_t seqDiff(uint16_t a, uint16_t b) { return static_cast<int16_t>(static_cast<uint16_t>(a - b)); }

// True when `a` comes after `b` (RFC 1982 serial number comparison).
inline bool seqNewer(uint16_t a, uint16_t b) { return seqDiff(a, b) > 0; }

// Turns wrapping 16-bit sequence numbers into an increasing 64-bit count;
// reordered packets unwrap next to the newest one seen.
class SeqUnwrapper {
public:
    int64_t unwrap(uint16_t seq) {
        if (!started_) {
            started_ = true;
            last_ = seq;
            return last_;
        }
        int64_t value = last_ + seqDiff(seq, static_cast<uint16_t>(last_));
        if (value > last_) last_ = value;
        return value;
    }
    // What unwrap() would return, without moving the reference.
    int64_t peek(uint16_t seq) const { return started_ ? last_ + seqDiff(seq, static_cast<uint16_t>(last_)) : seq; }
    bool started() const { return started_; }
    void reset() { started_ = false; last_ = 0; }

private:
    bool started_ = false;
    int64_t last_ = 0;
};

} // namespace portunus::rtp
