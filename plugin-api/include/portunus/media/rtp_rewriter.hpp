// Keeps one outgoing RTP stream continuous (SSRC, sequence numbers,
// timestamps) while its input changes: another publisher, another simulcast
// layer, a publisher that reconnected. What a subscriber's receiver sees is
// one stream without jumps, so its jitter buffer and loss statistics stay sane.
//
// Within one source, out_seq = seq + offset and out_ts = ts + offset, so
// reordered packets and retransmissions map where the originals did. The
// first packet of a new source (another SSRC, or anything after
// switchSource()) continues right after the newest output: seq + 1, and the
// timestamp advanced by the wall time since that output (at least one tick).
// drop() closes the gap a deliberately skipped packet leaves (temporal layer
// filtering), so the receiver sees no loss; see SequenceMapper.
//
// No allocation, no locks, no exceptions: one instance per outgoing stream,
// used from the thread that forwards it.
#pragma once

#include <portunus/media/sequence_mapper.hpp>

#include <cstdint>

namespace portunus::media {

class RtpRewriter {
public:
    struct Out {
        uint32_t ssrc;
        uint16_t seq;
        uint32_t timestamp;
    };

    // out_ssrc 0: the first source's SSRC becomes the output SSRC.
    explicit RtpRewriter(uint32_t out_ssrc = 0) : out_ssrc_(out_ssrc) {}

    Out rewrite(uint32_t ssrc, uint16_t seq, uint32_t timestamp, uint32_t clock_rate, int64_t now_us);

    // A packet of the current source that is not forwarded on purpose.
    void drop(uint16_t seq);

    // The next packet starts a new source, even if its SSRC is the same.
    void switchSource() { has_source_ = false; }

    bool started() const { return seq_.started(); }

private:
    SequenceMapper seq_{16};
    uint32_t out_ssrc_;
    uint32_t in_ssrc_ = 0;
    bool has_source_ = false; // the current source has had a packet since the last switch
    uint32_t ts_offset_ = 0;
    uint32_t newest_ts_ = 0;    // output timestamp of the newest output packet
    int64_t newest_at_us_ = 0;  // when it went out
};

} // namespace portunus::media
