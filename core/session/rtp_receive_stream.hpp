// One media SSRC the peer sends us on an m-line: RFC 3550 reception
// statistics, NACK generation (video), the RTX SSRC that repairs it and the
// rid that names it (simulcast). A stream is a reusable slot: the RtpSession
// allocates its slots when a line is configured and start()s one in place when
// a new SSRC appears, so the packet path never allocates.
#pragma once

#include "rtp/header_extensions.hpp"
#include "rtp/nack_generator.hpp"
#include "rtp/receive_stats.hpp"
#include "rtp/rtcp/report_block.hpp"
#include "rtp/rtp_packet.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

namespace portunus {

class RtpReceiveStream {
public:
    // `nack`: this slot generates NACKs (video lines); allocates its window now.
    explicit RtpReceiveStream(bool nack);

    // Takes the slot for a new SSRC (forgetting what it held).
    void start(uint32_t ssrc, uint32_t clock_rate, uint8_t payload_type, int64_t now_us);
    bool active() const { return active_; }
    uint32_t ssrc() const { return stats_.ssrc(); }

    // The media payload type last seen (what a decapsulated RTX packet gets back).
    uint8_t payloadType() const { return payload_type_; }
    uint32_t rtxSsrc() const { return rtx_ssrc_; }
    void setRtxSsrc(uint32_t ssrc) { rtx_ssrc_ = ssrc; }
    const rtp::SdesId &rid() const { return rid_; }
    void setRid(const rtp::SdesId &rid) { rid_ = rid; }
    // The simulcast layer (0 = lowest quality), -1 when not known or not simulcast.
    int8_t substream() const { return substream_; }
    void setSubstream(int8_t substream) { substream_ = substream; }

    // A packet of this stream: original media, or a retransmission already
    // decapsulated. False when it is a retransmission of something we did
    // not miss (a duplicate, or an RTX bandwidth probe replaying old packets).
    bool onPacket(const rtp::RtpPacket &packet, bool retransmission, int64_t now_us);
    // An RTX packet for this stream that carries no media (padding probe).
    void onRtxPadding(int64_t now_us) { last_packet_us_ = now_us; }

    // Sequence numbers to NACK now (RTT-based retry); 0 when not a NACK stream.
    size_t collectNacks(int64_t now_us, int64_t rtt_us, std::span<uint16_t> out);
    bool hasMissing() const { return nack_ && nack_->missingCount() > 0; }

    // The block for our next RR about this stream; starts a new loss interval.
    rtp::rtcp::ReportBlock reportBlock(int64_t now_us);
    bool reportable() const { return active_ && stats_.valid(); }
    void onSenderReport(uint32_t compact_ntp, int64_t now_us) { stats_.onSenderReport(compact_ntp, now_us); }

    int64_t lastPacketUs() const { return last_packet_us_; }
    const rtp::ReceiveStats &stats() const { return stats_; }
    uint8_t lastFractionLost() const { return last_fraction_lost_; } // of the last report, 1/256

private:
    rtp::ReceiveStats stats_{0, 0, 1};
    std::unique_ptr<rtp::NackGenerator> nack_;
    bool active_ = false;
    uint8_t payload_type_ = 0;
    uint8_t last_fraction_lost_ = 0;
    uint32_t rtx_ssrc_ = 0;
    rtp::SdesId rid_;
    int8_t substream_ = -1;
    int64_t last_packet_us_ = 0;
};

} // namespace portunus
