#include "rtp/rtcp/receiver_report.hpp"

namespace portunus::rtp::rtcp {

std::optional<ReceiverReport> ReceiverReport::parse(const PacketView &packet) {
    if (packet.type != kReceiverReport) return std::nullopt;
    auto body = packet.body();
    if (body.size() < 4 + ReportBlock::kSize * size_t(packet.count)) return std::nullopt;
    ReceiverReport rr;
    rr.ssrc_ = read32(body.data());
    rr.blocks_ = body.data() + 4;
    rr.count_ = packet.count;
    return rr;
}

ReportBlock ReceiverReport::reportBlock(size_t index) const {
    return index < count_ ? ReportBlock::read(blocks_ + index * ReportBlock::kSize) : ReportBlock{};
}

size_t writeReceiverReport(std::span<uint8_t> out, uint32_t sender_ssrc, std::span<const ReportBlock> blocks) {
    if (blocks.size() > ReportBlock::kMaxPerPacket) return 0;
    size_t total = kHeaderSize + 4 + blocks.size() * ReportBlock::kSize;
    if (out.size() < total) return 0;
    uint8_t *p = out.data();
    writeHeader(p, static_cast<uint8_t>(blocks.size()), kReceiverReport, total);
    write32(p + 4, sender_ssrc);
    for (size_t i = 0; i < blocks.size(); ++i) blocks[i].write(p + 8 + i * ReportBlock::kSize);
    return total;
}

} // namespace portunus::rtp::rtcp
