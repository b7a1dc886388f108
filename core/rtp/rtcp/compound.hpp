// Walks a compound RTCP packet (RFC 3550 §6.1) over a const buffer: checks
// each header (version 2, length within the buffer, padding) and yields one
// PacketView at a time; the typed views (SenderReport, GenericNack, ...)
// parse from a PacketView.
#pragma once

#include "rtp/rtcp/rtcp_header.hpp"

#include <span>

namespace portunus::rtp::rtcp {

class CompoundReader {
public:
    explicit CompoundReader(std::span<const uint8_t> buffer) : rest_(buffer) {}

    // The next packet; false at the end or when the next header is malformed
    // (then error() is true and iteration stops).
    bool next(PacketView &out);
    bool error() const { return error_; }

    // True when the whole buffer is a well-formed, non-empty compound.
    static bool validate(std::span<const uint8_t> buffer);

private:
    std::span<const uint8_t> rest_;
    bool error_ = false;
};

} // namespace portunus::rtp::rtcp
