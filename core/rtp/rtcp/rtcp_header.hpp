// The RTCP common header (RFC 3550 §6.4) shared by every packet type, the
// packet type numbers, and the view a compound iterator yields.
#pragma once

#include "rtp/byte_io.hpp"

#include <cstddef>
#include <cstdint>
#include <span>

namespace portunus::rtp::rtcp {

enum PacketType : uint8_t {
    kSenderReport = 200,
    kReceiverReport = 201,
    kSdes = 202,
    kBye = 203,
    kApp = 204,
    kRtpFeedback = 205,     // RTPFB (RFC 4585): NACK, transport-cc
    kPayloadFeedback = 206, // PSFB (RFC 4585): PLI, FIR, REMB
    kExtendedReport = 207,
};

// FMT values inside RTPFB / PSFB.
inline constexpr uint8_t kFmtGenericNack = 1;
inline constexpr uint8_t kFmtTransportFeedback = 15;
inline constexpr uint8_t kFmtPli = 1;
inline constexpr uint8_t kFmtFir = 4;
inline constexpr uint8_t kFmtApplication = 15; // REMB lives here

inline constexpr size_t kHeaderSize = 4;

// One packet of a compound: its header fields and its bytes (header
// included, trailing padding excluded). Valid while the buffer is.
struct PacketView {
    uint8_t count = 0; // RC, SC or FMT: the 5 low bits of the first byte
    uint8_t type = 0;
    std::span<const uint8_t> bytes;
    std::span<const uint8_t> body() const { return bytes.subspan(kHeaderSize); }
};

// Writes a header for a packet of `total_size` bytes (a multiple of 4, at least 4).
inline void writeHeader(uint8_t *p, uint8_t count, uint8_t type, size_t total_size) {
    p[0] = static_cast<uint8_t>(0x80 | (count & 0x1F));
    p[1] = type;
    write16(p + 2, static_cast<uint16_t>(total_size / 4 - 1));
}

} // namespace portunus::rtp::rtcp
