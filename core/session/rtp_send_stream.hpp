// What we send on an m-line: the packets kept for answering NACKs (video),
// our RTX stream's sequence numbers, the counts and RTP clock a sender report
// needs, and what the peer's report blocks tell us about the stream (RTT,
// loss, jitter). Storage is allocated at construction only.
#pragma once

#include "rtp/retransmit_buffer.hpp"
#include "rtp/rtcp/report_block.hpp"
#include "rtp/rtcp/sender_report.hpp"
#include "rtp/rtp_packet.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>

namespace portunus {

class RtpSendStream {
public:
    struct Config {
        uint32_t ssrc = 0;
        uint32_t rtx_ssrc = 0;      // 0 = no RTX: NACKs are answered with the original packet
        int rtx_payload_type = -1;  // ours
        uint32_t clock_rate = 90000;
        bool retransmit = false;    // keep packets for NACKs (video)
    };
    static constexpr int64_t kMaxRetransmitAgeUs = 1000000;

    explicit RtpSendStream(const Config &config);

    // A packet about to be protected and sent (after SSRC rewriting).
    void onPacketSent(const rtp::RtpPacket &packet, int64_t now_us);

    // The peer asks for `seq` again: writes what to send into `out` (RTX form
    // when negotiated) and returns its size; 0 when the packet is gone, or was
    // resent less than `min_interval_us` ago.
    size_t retransmit(uint16_t seq, int64_t now_us, int64_t min_interval_us, std::span<uint8_t> out);
    bool canRetransmit() const { return buffer_ != nullptr; }

    uint32_t ssrc() const { return ssrc_; }
    bool hasSent() const { return packets_ > 0; }
    // Sender info for an SR at `now_us` (NTP time given), RTP time extrapolated
    // from the last packet sent.
    rtp::rtcp::SenderInfo senderInfo(uint32_t ntp_seconds, uint32_t ntp_fraction, int64_t now_us) const;

    // A report block about this stream from the peer; `rtt_us` when it echoed an SR of ours.
    void onReportBlock(const rtp::rtcp::ReportBlock &block, std::optional<int64_t> rtt_us);

    uint64_t packets() const { return packets_; }
    uint64_t bytes() const { return bytes_; }
    uint64_t nacksReceived() const { return nacks_received_; }
    void countNack() { ++nacks_received_; }
    uint64_t retransmitted() const { return retransmitted_; }
    int64_t rttUs() const { return rtt_us_; } // 0 = not known
    uint8_t remoteFractionLost() const { return remote_fraction_lost_; }
    int32_t remoteCumulativeLost() const { return remote_cumulative_lost_; }
    uint32_t remoteJitter() const { return remote_jitter_; } // RTP units
    uint32_t clockRate() const { return config_.clock_rate; }

private:
    Config config_;
    std::unique_ptr<rtp::RetransmitBuffer> buffer_;
    uint32_t ssrc_;
    uint16_t rtx_seq_;
    uint64_t packets_ = 0, bytes_ = 0, payload_bytes_ = 0;
    uint32_t last_rtp_timestamp_ = 0;
    int64_t last_sent_us_ = 0;
    uint64_t nacks_received_ = 0, retransmitted_ = 0;
    int64_t rtt_us_ = 0;
    uint8_t remote_fraction_lost_ = 0;
    int32_t remote_cumulative_lost_ = 0;
    uint32_t remote_jitter_ = 0;
};

} // namespace portunus
