// Maps a wrapping input counter (RTP sequence numbers, VP8 picture ids,
// TL0PICIDX...) onto an output counter that a receiver sees as one
// continuous stream, although the input changes source and some inputs are
// deliberately not forwarded. The building block of RtpRewriter and
// Vp8Rewriter; use it directly for other counters of the same kind.
//
// Within one source, output = input + offset, so reordered packets and
// retransmissions map where the originals did. After resync(), the next input
// continues right after the newest output. drop(x) of an input newer than
// all seen closes the gap: later inputs shift down by one; older inputs that
// arrive late (after the drop) still map to their own place. Drops are
// remembered for the last 1024 inputs (fewer for counters under 12 bits:
// half their range); a packet older than that maps as if no drop happened
// before it. A dropped input must stay dropped (its retransmissions too).
//
// No allocation, no locks; one instance per output stream, used by one thread.
#pragma once

#include <cstddef>
#include <cstdint>

namespace portunus::media {

class SequenceMapper {
public:
    explicit SequenceMapper(unsigned bits); // 2..32 bits wide

    uint32_t map(uint32_t in);
    void drop(uint32_t in);
    void resync(); // the next input starts a new source
    bool started() const { return started_; }

    // An input counted on fewer bits than this mapper's (VP8's 7-bit picture
    // ids in a 15-bit space) widened to the value nearest the newest input.
    uint32_t widen(uint32_t in, unsigned in_bits) const;

    uint32_t newestOutput() const { return newest_out_; }

private:
    bool newer(uint32_t a, uint32_t b) const; // serial number arithmetic (RFC 1982)
    void advanceTo(uint32_t in);
    uint32_t droppedSince(uint32_t in) const; // drops in (in, newest_in_]

    static constexpr unsigned kWords = 16; // 1024 remembered inputs

    uint32_t mask_;
    unsigned window_;
    bool started_ = false;
    bool resync_ = false;
    uint32_t newest_in_ = 0;
    uint32_t newest_out_ = 0; // the newest output given by map()
    uint32_t offset_ = 0;     // for inputs newer than every drop
    uint64_t dropped_[kWords] = {}; // bit i: input newest_in_ - i was dropped
};

} // namespace portunus::media
