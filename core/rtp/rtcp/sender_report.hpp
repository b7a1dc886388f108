// Sender report (SR, PT 200, RFC 3550 §6.4.1): sender info + report blocks.
#pragma once

#include "rtp/rtcp/report_block.hpp"
#include "rtp/rtcp/rtcp_header.hpp"

#include <optional>
#include <span>

namespace portunus::rtp::rtcp {

struct SenderInfo {
    uint32_t ssrc = 0;
    uint32_t ntp_seconds = 0;
    uint32_t ntp_fraction = 0;
    uint32_t rtp_timestamp = 0;
    uint32_t packet_count = 0;
    uint32_t octet_count = 0;
};

class SenderReport {
public:
    static std::optional<SenderReport> parse(const PacketView &packet);

    const SenderInfo &info() const { return info_; }
    uint32_t ssrc() const { return info_.ssrc; }
    // The compact NTP time (middle 32 bits) a receiver echoes as LSR.
    uint32_t compactNtp() const { return (info_.ntp_seconds << 16) | (info_.ntp_fraction >> 16); }
    size_t reportCount() const { return count_; }
    ReportBlock reportBlock(size_t index) const; // index < reportCount()

private:
    SenderInfo info_;
    const uint8_t *blocks_ = nullptr;
    uint8_t count_ = 0;
};

// Bytes written, or 0 when `out` is too small or there are more than 31 blocks.
size_t writeSenderReport(std::span<uint8_t> out, const SenderInfo &info, std::span<const ReportBlock> blocks);

} // namespace portunus::rtp::rtcp
