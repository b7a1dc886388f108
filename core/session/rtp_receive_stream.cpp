#include "session/rtp_receive_stream.hpp"

namespace portunus {

RtpReceiveStream::RtpReceiveStream(bool nack) {
    if (nack) nack_ = std::make_unique<rtp::NackGenerator>();
}

void RtpReceiveStream::start(uint32_t ssrc, uint32_t clock_rate, uint8_t payload_type, int64_t now_us) {
    // SRTP already authenticated the packet: no RFC 3550 probation needed.
    stats_ = rtp::ReceiveStats(ssrc, clock_rate, 1);
    if (nack_) nack_->reset();
    active_ = true;
    payload_type_ = payload_type;
    last_fraction_lost_ = 0;
    rtx_ssrc_ = 0;
    rid_ = rtp::SdesId{};
    substream_ = -1;
    last_packet_us_ = now_us;
}

bool RtpReceiveStream::onPacket(const rtp::RtpPacket &packet, bool retransmission, int64_t now_us) {
    last_packet_us_ = now_us;
    if (nack_) {
        rtp::NackGenerator::Result r = nack_->onPacket(packet.sequence(), now_us);
        // A retransmission fills a hole or is of no use (and must not count twice).
        if (retransmission && r != rtp::NackGenerator::Result::recovered) return false;
    }
    if (!retransmission) payload_type_ = packet.payloadType();
    stats_.onPacket(packet.sequence(), packet.timestamp(), now_us, packet.size());
    return true;
}

size_t RtpReceiveStream::collectNacks(int64_t now_us, int64_t rtt_us, std::span<uint16_t> out) {
    if (!nack_ || !active_ || nack_->missingCount() == 0) return 0;
    return nack_->collect(now_us, rtt_us, out);
}

rtp::rtcp::ReportBlock RtpReceiveStream::reportBlock(int64_t now_us) {
    rtp::rtcp::ReportBlock block = stats_.reportBlock(now_us);
    last_fraction_lost_ = block.fraction_lost;
    return block;
}

} // namespace portunus
