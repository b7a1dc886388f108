#include "rtp/rtcp/remb.hpp"

namespace portunus::rtp::rtcp {
namespace {
constexpr uint8_t kRembId[4] = {'R', 'E', 'M', 'B'};
constexpr uint32_t kMaxMantissa = 0x3FFFF; // 18 bits
} // namespace

std::optional<Remb> Remb::parse(const PacketView &packet) {
    auto fb = parseFeedback(packet, kPayloadFeedback, kFmtApplication);
    if (!fb || fb->fci.size() < 8) return std::nullopt;
    const uint8_t *p = fb->fci.data();
    for (size_t i = 0; i < 4; ++i)
        if (p[i] != kRembId[i]) return std::nullopt;
    size_t count = p[4];
    if (fb->fci.size() < 8 + 4 * count) return std::nullopt;
    unsigned exponent = p[5] >> 2;
    uint64_t mantissa = read24(p + 5) & kMaxMantissa;
    uint64_t bitrate = mantissa << exponent;
    if ((bitrate >> exponent) != mantissa) return std::nullopt; // does not fit 64 bits
    Remb remb;
    remb.sender_ssrc_ = fb->sender_ssrc;
    remb.bitrate_ = bitrate;
    remb.ssrcs_ = p + 8;
    remb.count_ = static_cast<uint8_t>(count);
    return remb;
}

size_t writeRemb(std::span<uint8_t> out, uint32_t sender_ssrc, uint64_t bitrate, std::span<const uint32_t> ssrcs) {
    if (ssrcs.size() > 255) return 0;
    size_t total = kFeedbackHeaderSize + 8 + 4 * ssrcs.size();
    if (out.size() < total) return 0;
    unsigned exponent = 0;
    while ((bitrate >> exponent) > kMaxMantissa) ++exponent;
    uint32_t mantissa = static_cast<uint32_t>(bitrate >> exponent);
    uint8_t *p = out.data();
    writeFeedbackHeader(p, kPayloadFeedback, kFmtApplication, total, sender_ssrc, 0);
    for (size_t i = 0; i < 4; ++i) p[12 + i] = kRembId[i];
    p[16] = static_cast<uint8_t>(ssrcs.size());
    write24(p + 17, (uint32_t(exponent) << 18) | mantissa);
    for (size_t i = 0; i < ssrcs.size(); ++i) write32(p + 20 + 4 * i, ssrcs[i]);
    return total;
}

} // namespace portunus::rtp::rtcp
