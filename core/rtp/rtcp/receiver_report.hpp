// Receiver report (RR, PT 201, RFC 3550 §6.4.2): reporter SSRC + report blocks.
#pragma once

#include "rtp/rtcp/report_block.hpp"
#include "rtp/rtcp/rtcp_header.hpp"

#include <optional>
#include <span>

namespace portunus::rtp::rtcp {

class ReceiverReport {
public:
    static std::optional<ReceiverReport> parse(const PacketView &packet);

    uint32_t ssrc() const { return ssrc_; }
    size_t reportCount() const { return count_; }
    ReportBlock reportBlock(size_t index) const; // index < reportCount()

private:
    uint32_t ssrc_ = 0;
    const uint8_t *blocks_ = nullptr;
    uint8_t count_ = 0;
};

// Bytes written, or 0 when `out` is too small or there are more than 31 blocks.
size_t writeReceiverReport(std::span<uint8_t> out, uint32_t sender_ssrc, std::span<const ReportBlock> blocks);

} // namespace portunus::rtp::rtcp
