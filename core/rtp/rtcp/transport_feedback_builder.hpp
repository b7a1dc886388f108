// Builds transport-wide-cc feedback for a sender's congestion controller:
// records the transport sequence number and arrival time of every packet
// received (a fixed window, reordering tolerated), then writes feedback
// packets covering everything since the previous one, with run-length and
// status-vector chunks (draft-holmer-rmcat-transport-wide-cc-extensions-01
// §3.1.3, the chunk choice libwebrtc makes).
#pragma once

#include "rtp/seq_num.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace portunus::rtp::rtcp {

class TransportFeedbackBuilder {
public:
    static constexpr size_t kWindow = 1024; // most statuses one feedback can cover

    TransportFeedbackBuilder() { arrivals_.fill(kNotReceived); }

    // Records a received packet. False when it comes too late (already
    // reported). Seeing a seq more than kWindow ahead of what is still
    // unreported gives up on the oldest statuses.
    bool onPacket(uint16_t transport_seq, int64_t arrival_us);

    bool hasPending() const { return started_ && next_ <= highest_; }

    // Writes one feedback packet for the pending statuses (as many as fit in
    // `out` and as the 16-bit deltas allow) and moves past them. Returns the
    // bytes written, or 0 when nothing is pending or not even one status fits.
    // Call again while hasPending() to send the rest.
    size_t write(std::span<uint8_t> out, uint32_t sender_ssrc, uint32_t media_ssrc);

    uint8_t feedbackCount() const { return fb_count_; }

private:
    static constexpr int64_t kNotReceived = INT64_MIN;
    int64_t &slot(int64_t seq) { return arrivals_[static_cast<size_t>(seq) & (kWindow - 1)]; }

    std::array<int64_t, kWindow> arrivals_;
    SeqUnwrapper unwrapper_;
    bool started_ = false;
    int64_t next_ = 0;    // first unreported seq (unwrapped)
    int64_t highest_ = 0; // highest seq seen (unwrapped)
    uint8_t fb_count_ = 0;
};

} // namespace portunus::rtp::rtcp
