#include "portunus/media/sequence_mapper.hpp"

#include <algorithm>
#include <bit>

namespace portunus::media {

SequenceMapper::SequenceMapper(unsigned bits)
    : mask_(bits >= 32 ? 0xFFFFFFFFu : (uint32_t(1) << bits) - 1),
      window_(unsigned(std::min<uint64_t>(kWords * 64, (uint64_t(mask_) + 1) / 2))) {}

bool SequenceMapper::newer(uint32_t a, uint32_t b) const {
    uint32_t d = (a - b) & mask_;
    return d != 0 && d <= mask_ / 2;
}

uint32_t SequenceMapper::widen(uint32_t in, unsigned in_bits) const {
    if (!started_ || resync_ || in_bits >= 32) return in & mask_;
    const uint32_t in_mask = (uint32_t(1) << in_bits) - 1;
    uint32_t delta = (in - newest_in_) & in_mask; // forward distance within the narrow counter
    if (delta > in_mask / 2) return (newest_in_ - ((newest_in_ - in) & in_mask)) & mask_;
    return (newest_in_ + delta) & mask_;
}

void SequenceMapper::advanceTo(uint32_t in) {
    uint32_t k = (in - newest_in_) & mask_;
    newest_in_ = in;
    if (k >= kWords * 64) {
        std::fill_n(dropped_, kWords, 0);
        return;
    }
    // Shift the whole bitmap left by k bits: older inputs move to higher bits.
    const unsigned words = k / 64, bits = k % 64;
    for (unsigned i = kWords; i-- > 0;) {
        uint64_t v = i >= words ? dropped_[i - words] << bits : 0;
        if (bits && i > words) v |= dropped_[i - words - 1] >> (64 - bits);
        dropped_[i] = v;
    }
}

uint32_t SequenceMapper::droppedSince(uint32_t in) const {
    const uint32_t span = std::min<uint32_t>((newest_in_ - in) & mask_, window_);
    uint32_t count = 0;
    for (unsigned i = 0; i * 64 < span; ++i) {
        uint64_t word = dropped_[i];
        if (span - i * 64 < 64) word &= (uint64_t(1) << (span - i * 64)) - 1;
        count += uint32_t(std::popcount(word));
    }
    return count;
}

uint32_t SequenceMapper::map(uint32_t in) {
    in &= mask_;
    if (!started_ || resync_) {
        // The first source keeps its numbering; a later one continues the output.
        const uint32_t out = started_ ? (newest_out_ + 1) & mask_ : in;
        offset_ = (out - in) & mask_;
        newest_in_ = in;
        newest_out_ = out;
        std::fill_n(dropped_, kWords, 0);
        started_ = true;
        resync_ = false;
        return out;
    }
    uint32_t out;
    if (newer(in, newest_in_)) {
        advanceTo(in);
        out = (in + offset_) & mask_;
    } else {
        out = (in + offset_ + droppedSince(in)) & mask_;
    }
    if (newer(out, newest_out_)) newest_out_ = out;
    return out;
}

void SequenceMapper::drop(uint32_t in) {
    in &= mask_;
    // Before a source's first input there is no gap to close; an input older
    // than the newest leaves a gap we cannot close (later ones went out already).
    if (!started_ || resync_ || !newer(in, newest_in_)) return;
    advanceTo(in);
    dropped_[0] |= 1;
    offset_ = (offset_ - 1) & mask_;
}

void SequenceMapper::resync() {
    if (started_) resync_ = true;
}

} // namespace portunus::media
