#include "rtp/rtcp/report_block.hpp"

#include "rtp/byte_io.hpp"

namespace portunus::rtp::rtcp {

ReportBlock ReportBlock::read(const uint8_t *p) {
    ReportBlock b;
    b.ssrc = read32(p);
    b.fraction_lost = p[4];
    uint32_t lost = read24(p + 5);
    b.cumulative_lost = (lost & 0x800000) ? static_cast<int32_t>(lost) - 0x1000000 : static_cast<int32_t>(lost);
    b.extended_highest_seq = read32(p + 8);
    b.jitter = read32(p + 12);
    b.last_sr = read32(p + 16);
    b.delay_since_last_sr = read32(p + 20);
    return b;
}

void ReportBlock::write(uint8_t *p) const {
    constexpr int32_t kMax = 0x7FFFFF, kMin = -0x800000;
    int32_t lost = cumulative_lost > kMax ? kMax : cumulative_lost < kMin ? kMin : cumulative_lost;
    write32(p, ssrc);
    p[4] = fraction_lost;
    write24(p + 5, static_cast<uint32_t>(lost) & 0xFFFFFF);
    write32(p + 8, extended_highest_seq);
    write32(p + 12, jitter);
    write32(p + 16, last_sr);
    write32(p + 20, delay_since_last_sr);
}

} // namespace portunus::rtp::rtcp
