#include "rtp/rtcp/sender_report.hpp"

namespace portunus::rtp::rtcp {
namespace {
constexpr size_t kInfoSize = 24; // sender SSRC + NTP (8) + RTP ts + counts
}

std::optional<SenderReport> SenderReport::parse(const PacketView &packet) {
    if (packet.type != kSenderReport) return std::nullopt;
    auto body = packet.body();
    if (body.size() < kInfoSize + ReportBlock::kSize * size_t(packet.count)) return std::nullopt;
    SenderReport sr;
    const uint8_t *p = body.data();
    sr.info_ = SenderInfo{read32(p), read32(p + 4), read32(p + 8), read32(p + 12), read32(p + 16), read32(p + 20)};
    sr.blocks_ = p + kInfoSize;
    sr.count_ = packet.count;
    return sr;
}

ReportBlock SenderReport::reportBlock(size_t index) const {
    return index < count_ ? ReportBlock::read(blocks_ + index * ReportBlock::kSize) : ReportBlock{};
}

size_t writeSenderReport(std::span<uint8_t> out, const SenderInfo &info, std::span<const ReportBlock> blocks) {
    if (blocks.size() > ReportBlock::kMaxPerPacket) return 0;
    size_t total = kHeaderSize + kInfoSize + blocks.size() * ReportBlock::kSize;
    if (out.size() < total) return 0;
    uint8_t *p = out.data();
    writeHeader(p, static_cast<uint8_t>(blocks.size()), kSenderReport, total);
    write32(p + 4, info.ssrc);
    write32(p + 8, info.ntp_seconds);
    write32(p + 12, info.ntp_fraction);
    write32(p + 16, info.rtp_timestamp);
    write32(p + 20, info.packet_count);
    write32(p + 24, info.octet_count);
    for (size_t i = 0; i < blocks.size(); ++i) blocks[i].write(p + 28 + i * ReportBlock::kSize);
    return total;
}

} // namespace portunus::rtp::rtcp
