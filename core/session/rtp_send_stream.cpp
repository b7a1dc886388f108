#include "session/rtp_send_stream.hpp"

#include <cstring>

namespace portunus {

RtpSendStream::RtpSendStream(const Config &config)
    : config_(config), ssrc_(config.ssrc),
      // RFC 3550 wants a random initial sequence number; the RTX SSRC is random already.
      rtx_seq_(static_cast<uint16_t>(config.rtx_ssrc & 0x7FFF)) {
    if (config_.clock_rate == 0) config_.clock_rate = 90000;
    if (config_.retransmit) buffer_ = std::make_unique<rtp::RetransmitBuffer>();
}

void RtpSendStream::onPacketSent(const rtp::RtpPacket &packet, int64_t now_us) {
    if (packet.ssrc() != ssrc_) {
        // The plugin chose another SSRC for this line: a new stream, whose
        // sequence numbers must not find the old one's packets.
        ssrc_ = packet.ssrc();
        packets_ = bytes_ = payload_bytes_ = 0;
        if (buffer_) buffer_->clear();
    }
    ++packets_;
    bytes_ += packet.size();
    payload_bytes_ += packet.payloadSize();
    last_rtp_timestamp_ = packet.timestamp();
    last_sent_us_ = now_us;
    if (buffer_) buffer_->store(packet, now_us);
}

size_t RtpSendStream::retransmit(uint16_t seq, int64_t now_us, int64_t min_interval_us, std::span<uint8_t> out) {
    if (!buffer_) return 0;
    const rtp::RetransmitBuffer::Stored *stored = buffer_->find(seq, now_us, kMaxRetransmitAgeUs);
    if (!stored || stored->bytes.size() + 2 > out.size()) return 0; // + 2: the RTX OSN
    if (!buffer_->markResent(seq, now_us, min_interval_us)) return 0;
    size_t n = 0;
    if (config_.rtx_ssrc && config_.rtx_payload_type >= 0) {
        rtp::RtxParams rtx{static_cast<uint8_t>(config_.rtx_payload_type), config_.rtx_ssrc, rtx_seq_};
        n = buffer_->writeRtx(seq, rtx, out);
        if (n) ++rtx_seq_;
    } else {
        n = stored->bytes.size();
        std::memcpy(out.data(), stored->bytes.data(), n);
    }
    if (n) ++retransmitted_;
    return n;
}

rtp::rtcp::SenderInfo RtpSendStream::senderInfo(uint32_t ntp_seconds, uint32_t ntp_fraction, int64_t now_us) const {
    rtp::rtcp::SenderInfo info;
    info.ssrc = ssrc_;
    info.ntp_seconds = ntp_seconds;
    info.ntp_fraction = ntp_fraction;
    int64_t elapsed = now_us > last_sent_us_ ? now_us - last_sent_us_ : 0;
    info.rtp_timestamp =
        last_rtp_timestamp_ + static_cast<uint32_t>(uint64_t(elapsed) * config_.clock_rate / 1000000);
    info.packet_count = static_cast<uint32_t>(packets_);
    info.octet_count = static_cast<uint32_t>(payload_bytes_);
    return info;
}

void RtpSendStream::onReportBlock(const rtp::rtcp::ReportBlock &block, std::optional<int64_t> rtt_us) {
    if (rtt_us) rtt_us_ = *rtt_us > 0 ? *rtt_us : 1;
    remote_fraction_lost_ = block.fraction_lost;
    remote_cumulative_lost_ = block.cumulative_lost;
    remote_jitter_ = block.jitter;
}

} // namespace portunus
