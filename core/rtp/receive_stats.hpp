// Reception statistics for one incoming SSRC (RFC 3550 Appendix A): sequence
// tracking with probation and resync (A.1), expected/lost and fraction lost
// per report interval (A.3), interarrival jitter (A.8), counters, and the
// report block an RR about this source carries (with LSR/DLSR from the last
// SR we got from it).
#pragma once

#include "rtp/rtcp/report_block.hpp"

#include <cstddef>
#include <cstdint>

namespace portunus::rtp {

class ReceiveStats {
public:
    static constexpr uint16_t kMaxDropout = 3000;
    static constexpr uint16_t kMaxMisorder = 100;

    // `min_sequential`: packets in sequence needed before a new source is
    // valid (RFC 3550 uses 2; 1 accepts the first packet at once).
    ReceiveStats(uint32_t ssrc, uint32_t clock_rate, uint8_t min_sequential = 2);

    // Accounts one packet. False while the source is on probation or when
    // the packet is a large jump not (yet) confirmed by its successor; the
    // caller may drop such packets.
    bool onPacket(uint16_t seq, uint32_t rtp_timestamp, int64_t arrival_us, size_t bytes);

    // An SR from this source arrived: remember its NTP time for LSR/DLSR.
    void onSenderReport(uint32_t compact_ntp, int64_t arrival_us);

    // The report block for an RR now; starts a new fraction-lost interval.
    rtcp::ReportBlock reportBlock(int64_t now_us);

    uint32_t ssrc() const { return ssrc_; }
    uint32_t clockRate() const { return clock_rate_; }
    bool valid() const { return started_ && probation_ == 0; }
    uint64_t packets() const { return packets_; } // everything seen, probation and duplicates included
    uint64_t bytes() const { return bytes_; }
    uint32_t received() const { return received_; } // RFC 3550 "received" (since the last resync)
    uint32_t extendedHighestSeq() const { return cycles_ + max_seq_; }
    uint32_t expected() const { return extendedHighestSeq() - base_seq_ + 1; }
    int64_t lost() const { return int64_t(expected()) - int64_t(received_); } // negative with duplicates
    uint32_t jitter() const { return jitter_q4_ >> 4; }                     // RTP timestamp units
    uint32_t jitterUs() const { return clock_rate_ ? uint32_t(uint64_t(jitter()) * 1000000 / clock_rate_) : 0; }

private:
    void initSeq(uint16_t seq);
    bool updateSeq(uint16_t seq);
    void updateJitter(uint32_t rtp_timestamp, int64_t arrival_us);

    uint32_t ssrc_;
    uint32_t clock_rate_;
    uint8_t min_sequential_;
    bool started_ = false;

    // RFC 3550 A.1 state.
    uint16_t max_seq_ = 0;
    uint32_t cycles_ = 0; // wraps × 65536
    uint32_t base_seq_ = 0;
    uint32_t bad_seq_ = 0;
    uint32_t probation_ = 0;
    uint32_t received_ = 0;
    uint32_t expected_prior_ = 0;
    uint32_t received_prior_ = 0;

    // A.8 jitter, scaled by 16.
    bool have_transit_ = false;
    uint32_t transit_ = 0;
    uint32_t jitter_q4_ = 0;

    uint64_t packets_ = 0;
    uint64_t bytes_ = 0;

    uint32_t last_sr_ = 0;
    int64_t last_sr_arrival_us_ = 0;
};

} // namespace portunus::rtp
