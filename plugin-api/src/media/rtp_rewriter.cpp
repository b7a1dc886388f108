#include "portunus/media/rtp_rewriter.hpp"

namespace portunus::media {

namespace {
// elapsed × clock_rate / 1 s in RTP ticks (mod 2^32, as timestamps wrap),
// at least one tick so two packets of different sources never share a timestamp.
uint32_t ticksSince(int64_t elapsed_us, uint32_t clock_rate) {
    const uint64_t us = elapsed_us > 0 ? uint64_t(elapsed_us) : 0;
    const auto ticks = uint32_t(us / 1000000 * clock_rate + us % 1000000 * clock_rate / 1000000);
    return ticks ? ticks : 1;
}
} // namespace

RtpRewriter::Out RtpRewriter::rewrite(uint32_t ssrc, uint16_t seq, uint32_t timestamp, uint32_t clock_rate,
                                      int64_t now_us) {
    if (!has_source_ || ssrc != in_ssrc_) {
        if (!seq_.started()) {
            if (out_ssrc_ == 0) out_ssrc_ = ssrc;
            ts_offset_ = 0;
        } else {
            seq_.resync();
            ts_offset_ = newest_ts_ + ticksSince(now_us - newest_at_us_, clock_rate) - timestamp;
        }
        in_ssrc_ = ssrc;
        has_source_ = true;
    }
    const auto out_seq = uint16_t(seq_.map(seq));
    const uint32_t out_ts = timestamp + ts_offset_;
    if (out_seq == seq_.newestOutput()) {
        newest_ts_ = out_ts;
        newest_at_us_ = now_us;
    }
    return Out{out_ssrc_, out_seq, out_ts};
}

void RtpRewriter::drop(uint16_t seq) {
    if (has_source_) seq_.drop(seq);
}

} // namespace portunus::media
