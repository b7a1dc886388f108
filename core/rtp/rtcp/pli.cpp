#include "rtp/rtcp/pli.hpp"

namespace portunus::rtp::rtcp {

std::optional<Pli> Pli::parse(const PacketView &packet) {
    auto fb = parseFeedback(packet, kPayloadFeedback, kFmtPli);
    if (!fb) return std::nullopt;
    Pli pli;
    pli.sender_ssrc_ = fb->sender_ssrc;
    pli.media_ssrc_ = fb->media_ssrc;
    return pli;
}

size_t writePli(std::span<uint8_t> out, uint32_t sender_ssrc, uint32_t media_ssrc) {
    if (out.size() < kFeedbackHeaderSize) return 0;
    writeFeedbackHeader(out.data(), kPayloadFeedback, kFmtPli, kFeedbackHeaderSize, sender_ssrc, media_ssrc);
    return kFeedbackHeaderSize;
}

} // namespace portunus::rtp::rtcp
