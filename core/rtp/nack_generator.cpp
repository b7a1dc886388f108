#include "rtp/nack_generator.hpp"

namespace portunus::rtp {

NackGenerator::NackGenerator(const Config &config) : config_(config) {}

void NackGenerator::reset() {
    entries_.fill(Entry{});
    unwrapper_.reset();
    started_ = false;
    highest_ = 0;
    bad_seq_ = -1;
    missing_ = 0;
}

void NackGenerator::drop(Entry &e) {
    e.seq = kNone;
    --missing_;
    ++dropped_;
}

NackGenerator::Result NackGenerator::onPacket(uint16_t seq, int64_t now_us) {
    if (!started_) {
        started_ = true;
        highest_ = unwrapper_.unwrap(seq);
        return Result::first;
    }
    int64_t s = unwrapper_.peek(seq);
    if (s > highest_) {
        unwrapper_.unwrap(seq);
        int64_t gap = s - highest_ - 1;
        if (gap >= int64_t(kWindow)) {
            // Too far to NACK across: forget what was missing and start over here.
            dropped_ += missing_;
            entries_.fill(Entry{});
            missing_ = 0;
            highest_ = s;
            ++resets_;
            return Result::reset;
        }
        for (int64_t m = highest_ + 1; m <= s; ++m) {
            Entry &e = entry(m);
            if (e.seq != kNone) drop(e); // its slot held one that now leaves the window
            if (m == s) break;
            e = Entry{m, now_us, 0, 0};
            ++missing_;
        }
        highest_ = s;
        bad_seq_ = -1;
        return gap ? Result::gap : Result::inOrder;
    }
    if (highest_ - s >= int64_t(kWindow)) {
        // Far behind: a late straggler, or the sender restarted its
        // sequence. Two in a row (RFC 3550 A.1's bad_seq idea) mean restart.
        if (bad_seq_ >= 0 && static_cast<uint16_t>(bad_seq_) == seq) {
            dropped_ += missing_;
            reset();
            ++resets_;
            started_ = true;
            highest_ = unwrapper_.unwrap(seq);
            return Result::reset;
        }
        bad_seq_ = static_cast<uint16_t>(seq + 1);
        return Result::old;
    }
    Entry &e = entry(s);
    if (e.seq != s) return Result::old;
    e.seq = kNone;
    --missing_;
    ++recovered_;
    return Result::recovered;
}

size_t NackGenerator::collect(int64_t now_us, int64_t rtt_us, std::span<uint16_t> out) {
    if (missing_ == 0 || out.empty()) return 0;
    int64_t rtt = rtt_us > 0 ? rtt_us : config_.default_rtt_us;
    if (rtt < config_.min_retry_interval_us) rtt = config_.min_retry_interval_us;
    size_t n = 0;
    for (int64_t s = highest_ - int64_t(kWindow) + 1; s < highest_ && n < out.size(); ++s) {
        Entry &e = entry(s);
        if (e.seq != s) continue;
        if (config_.max_age_us > 0 && now_us - e.missing_since_us > config_.max_age_us) {
            drop(e);
            continue;
        }
        if (e.retries > 0) {
            unsigned shift = e.retries - 1u;
            if (shift > config_.max_backoff_shift) shift = config_.max_backoff_shift;
            if (now_us - e.last_sent_us < (rtt << shift)) continue;
            if (e.retries >= config_.max_retries) { // its last request had its chance
                drop(e);
                continue;
            }
        }
        out[n++] = static_cast<uint16_t>(s);
        ++e.retries;
        e.last_sent_us = now_us;
        ++requested_;
    }
    return n;
}

} // namespace portunus::rtp
