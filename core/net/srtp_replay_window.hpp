// The replay list of one SRTP or SRTCP stream (RFC 3711 §3.3.2): the highest
// packet index accepted so far and a bitmask of the `Bits` indexes below and
// including it. Indexes are 48-bit SRTP indexes (ROC << 16 | SEQ) or 31-bit
// SRTCP indexes. Checking never changes state; accept() is called only once
// a packet is authentic (or, sending, about to be protected).
//
// Same semantics as libsrtp's rdbx: a fresh window sits at index 0 with
// nothing marked, so index 0 itself is new; an index more than `Bits - 1`
// below the highest is too old.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace portunus::net {

template <size_t Bits>
class SrtpReplayWindow {
    static_assert(Bits >= 64 && Bits % 64 == 0, "the window is a whole number of 64-bit words");

public:
    enum class Verdict { fresh, repeated, too_old };

    uint64_t highest() const { return highest_; }

    Verdict check(uint64_t index) const {
        if (index > highest_) return Verdict::fresh;
        uint64_t back = highest_ - index;
        if (back >= Bits) return Verdict::too_old;
        return bit(back) ? Verdict::repeated : Verdict::fresh;
    }

    // Marks `index`; it must not be too old (check() first).
    void accept(uint64_t index) {
        if (index > highest_) {
            shift(index - highest_);
            highest_ = index;
            words_[0] |= 1;
        } else {
            uint64_t back = highest_ - index;
            words_[back / 64] |= uint64_t(1) << (back % 64);
        }
    }

    void reset() {
        highest_ = 0;
        words_.fill(0);
    }

private:
    static constexpr size_t kWords = Bits / 64;

    bool bit(uint64_t back) const { return (words_[back / 64] >> (back % 64)) & 1; }

    // Moves every mark `by` places further back (bit k becomes bit k + by).
    void shift(uint64_t by) {
        if (by >= Bits) {
            words_.fill(0);
            return;
        }
        size_t whole = static_cast<size_t>(by / 64);
        unsigned part = static_cast<unsigned>(by % 64);
        for (size_t i = kWords; i-- > 0;) {
            uint64_t v = 0;
            if (i >= whole) {
                v = words_[i - whole] << part;
                if (part && i > whole) v |= words_[i - whole - 1] >> (64 - part);
            }
            words_[i] = v;
        }
    }

    uint64_t highest_ = 0;
    std::array<uint64_t, kWords> words_{}; // bit k: index highest_ - k was accepted
};

} // namespace portunus::net
