#include "rtp/rtcp/transport_feedback.hpp"

namespace portunus::rtp::rtcp {

std::optional<TransportFeedback> TransportFeedback::parse(const PacketView &packet) {
    auto fb = parseFeedback(packet, kRtpFeedback, kFmtTransportFeedback);
    if (!fb || fb->fci.size() < 8) return std::nullopt;
    const uint8_t *p = fb->fci.data();
    TransportFeedback t;
    t.sender_ssrc_ = fb->sender_ssrc;
    t.media_ssrc_ = fb->media_ssrc;
    t.base_seq_ = read16(p);
    t.status_count_ = read16(p + 2);
    uint32_t ref = read24(p + 4);
    t.reference_time_ = (ref & 0x800000) ? static_cast<int32_t>(ref) - 0x1000000 : static_cast<int32_t>(ref);
    t.fb_count_ = p[7];
    if (t.status_count_ == 0) return std::nullopt;

    // Walk the chunks once: they must cover the status count without a
    // reserved symbol, and the deltas they announce must fit.
    size_t pos = 8, statuses = 0, delta_bytes = 0;
    const size_t end = fb->fci.size();
    while (statuses < t.status_count_) {
        if (pos + 2 > end) return std::nullopt;
        uint16_t chunk = read16(p + pos);
        pos += 2;
        size_t n = tcc::chunkCapacity(chunk);
        if (n > t.status_count_ - statuses) n = t.status_count_ - statuses;
        if ((chunk & 0x8000) == 0) {
            uint8_t symbol = tcc::chunkSymbol(chunk, 0);
            if (symbol == 3) return std::nullopt;
            delta_bytes += n * symbol;
            if (symbol != 0) t.received_count_ += n;
        } else {
            for (size_t i = 0; i < n; ++i) {
                uint8_t symbol = tcc::chunkSymbol(chunk, i);
                if (symbol == 3) return std::nullopt;
                delta_bytes += symbol;
                if (symbol != 0) ++t.received_count_;
            }
        }
        statuses += n;
    }
    if (pos + delta_bytes > end) return std::nullopt;
    t.chunks_ = p + 8;
    t.chunk_count_ = (pos - 8) / 2;
    t.deltas_ = p + pos;
    return t;
}

bool TransportFeedback::Reader::next(TccPacketStatus &out) {
    while (in_chunk_ == 0) {
        if (done_ >= fb_->status_count_ || chunk_ >= fb_->chunk_count_) return false;
        current_ = read16(fb_->chunks_ + 2 * chunk_++);
        in_chunk_ = tcc::chunkCapacity(current_);
        if (in_chunk_ > fb_->status_count_ - done_) in_chunk_ = fb_->status_count_ - done_;
        symbol_ = 0;
    }
    uint8_t symbol = tcc::chunkSymbol(current_, symbol_++);
    --in_chunk_;
    out.seq = static_cast<uint16_t>(fb_->base_seq_ + done_++);
    out.received = symbol != 0;
    out.delta = 0;
    if (symbol == 1) {
        out.delta = fb_->deltas_[delta_pos_];
        delta_pos_ += 1;
    } else if (symbol == 2) {
        out.delta = static_cast<int16_t>(read16(fb_->deltas_ + delta_pos_));
        delta_pos_ += 2;
    }
    return true;
}

} // namespace portunus::rtp::rtcp
