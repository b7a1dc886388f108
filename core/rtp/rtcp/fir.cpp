#include "rtp/rtcp/fir.hpp"

namespace portunus::rtp::rtcp {

std::optional<Fir> Fir::parse(const PacketView &packet) {
    auto fb = parseFeedback(packet, kPayloadFeedback, kFmtFir);
    if (!fb || fb->fci.empty() || fb->fci.size() % kEntrySize != 0) return std::nullopt;
    Fir fir;
    fir.fb_ = *fb;
    return fir;
}

FirEntry Fir::entry(size_t index) const {
    if (index >= entryCount()) return {};
    const uint8_t *p = fb_.fci.data() + index * kEntrySize;
    return FirEntry{read32(p), p[4]};
}

size_t writeFir(std::span<uint8_t> out, uint32_t sender_ssrc, uint32_t media_ssrc, uint8_t seq_nr) {
    constexpr size_t kTotal = kFeedbackHeaderSize + Fir::kEntrySize;
    if (out.size() < kTotal) return 0;
    uint8_t *p = out.data();
    writeFeedbackHeader(p, kPayloadFeedback, kFmtFir, kTotal, sender_ssrc, 0);
    write32(p + 12, media_ssrc);
    p[16] = seq_nr;
    p[17] = p[18] = p[19] = 0;
    return kTotal;
}

} // namespace portunus::rtp::rtcp
