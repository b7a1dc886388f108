#include "rtp/receive_stats.hpp"

#include "rtp/ntp_time.hpp"

namespace portunus::rtp {
namespace {
constexpr uint32_t kSeqMod = 1u << 16;

// An arrival time in RTP units of `clock_rate` (mod 2^32), without overflow.
uint32_t toRtpUnits(int64_t us, uint32_t clock_rate) {
    uint64_t u = static_cast<uint64_t>(us);
    return static_cast<uint32_t>((u / 1000000) * clock_rate + (u % 1000000) * clock_rate / 1000000);
}
} // namespace

ReceiveStats::ReceiveStats(uint32_t ssrc, uint32_t clock_rate, uint8_t min_sequential)
    : ssrc_(ssrc), clock_rate_(clock_rate), min_sequential_(min_sequential ? min_sequential : 1) {}

void ReceiveStats::initSeq(uint16_t seq) {
    base_seq_ = seq;
    max_seq_ = seq;
    bad_seq_ = kSeqMod + 1; // so seq == bad_seq is false
    cycles_ = 0;
    received_ = 0;
    received_prior_ = 0;
    expected_prior_ = 0;
}

// RFC 3550 A.1 update_seq(), as printed there.
bool ReceiveStats::updateSeq(uint16_t seq) {
    uint16_t udelta = static_cast<uint16_t>(seq - max_seq_);
    if (probation_) {
        if (seq == static_cast<uint16_t>(max_seq_ + 1)) {
            probation_--;
            max_seq_ = seq;
            if (probation_ == 0) {
                initSeq(seq);
                received_++;
                return true;
            }
        } else {
            probation_ = min_sequential_ - 1u;
            max_seq_ = seq;
        }
        return false;
    } else if (udelta < kMaxDropout) {
        if (seq < max_seq_) cycles_ += kSeqMod; // wrapped
        max_seq_ = seq;
    } else if (udelta <= kSeqMod - kMaxMisorder) {
        // A very large jump: resync only if the next packet confirms it.
        if (seq == bad_seq_) {
            initSeq(seq);
        } else {
            bad_seq_ = (uint32_t(seq) + 1) & (kSeqMod - 1);
            return false;
        }
    } else {
        // duplicate or reordered packet
    }
    received_++;
    return true;
}

bool ReceiveStats::onPacket(uint16_t seq, uint32_t rtp_timestamp, int64_t arrival_us, size_t bytes) {
    ++packets_;
    bytes_ += bytes;
    if (!started_) {
        started_ = true;
        initSeq(seq);
        max_seq_ = static_cast<uint16_t>(seq - 1);
        probation_ = min_sequential_;
    }
    uint16_t before = max_seq_;
    if (!updateSeq(seq)) return false;
    // Jitter from packets that move the stream forward (not reordered or
    // duplicated ones, whose transit would count the reordering as jitter).
    if (max_seq_ != before || received_ == 1) updateJitter(rtp_timestamp, arrival_us);
    return true;
}

void ReceiveStats::updateJitter(uint32_t rtp_timestamp, int64_t arrival_us) {
    uint32_t transit = toRtpUnits(arrival_us, clock_rate_) - rtp_timestamp;
    if (have_transit_) {
        int32_t d = static_cast<int32_t>(transit - transit_);
        uint32_t ad = d < 0 ? uint32_t(0) - uint32_t(d) : uint32_t(d);
        // J += (|D| - J) / 16, in the integer form of A.8.
        jitter_q4_ += ad - ((jitter_q4_ + 8) >> 4);
    }
    transit_ = transit;
    have_transit_ = true;
}

void ReceiveStats::onSenderReport(uint32_t compact_ntp, int64_t arrival_us) {
    last_sr_ = compact_ntp;
    last_sr_arrival_us_ = arrival_us;
}

rtcp::ReportBlock ReceiveStats::reportBlock(int64_t now_us) {
    rtcp::ReportBlock b;
    b.ssrc = ssrc_;
    if (valid()) {
        uint32_t expected_now = expected();
        int64_t lost_total = lost();
        b.cumulative_lost = lost_total > 0x7FFFFF ? 0x7FFFFF : lost_total < -0x800000 ? -0x800000 : int32_t(lost_total);
        uint32_t expected_interval = expected_now - expected_prior_;
        uint32_t received_interval = received_ - received_prior_;
        expected_prior_ = expected_now;
        received_prior_ = received_;
        int64_t lost_interval = int64_t(expected_interval) - int64_t(received_interval);
        if (expected_interval != 0 && lost_interval > 0) {
            uint64_t fraction = (uint64_t(lost_interval) << 8) / expected_interval;
            b.fraction_lost = static_cast<uint8_t>(fraction > 255 ? 255 : fraction); // all lost: 255, not 256
        }
        b.extended_highest_seq = extendedHighestSeq();
        b.jitter = jitter();
    }
    if (last_sr_arrival_us_ != 0 || last_sr_ != 0) {
        b.last_sr = last_sr_;
        b.delay_since_last_sr = usToCompactNtp(now_us - last_sr_arrival_us_);
    }
    return b;
}

} // namespace portunus::rtp
