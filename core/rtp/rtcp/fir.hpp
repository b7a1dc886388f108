// Full intra request (PSFB FMT 4, RFC 5104 §4.3.1): FCI entries of target
// SSRC + command sequence number; the header's media SSRC is unused (0).
#pragma once

#include "rtp/rtcp/feedback.hpp"

#include <optional>
#include <span>

namespace portunus::rtp::rtcp {

struct FirEntry {
    uint32_t ssrc = 0;
    uint8_t seq_nr = 0; // incremented by the requester for each new request
};

class Fir {
public:
    static constexpr size_t kEntrySize = 8;
    static std::optional<Fir> parse(const PacketView &packet);

    uint32_t senderSsrc() const { return fb_.sender_ssrc; }
    size_t entryCount() const { return fb_.fci.size() / kEntrySize; }
    FirEntry entry(size_t index) const; // index < entryCount()

private:
    FeedbackView fb_;
};

// One FIR entry for `media_ssrc`; 20 bytes or 0.
size_t writeFir(std::span<uint8_t> out, uint32_t sender_ssrc, uint32_t media_ssrc, uint8_t seq_nr);

} // namespace portunus::rtp::rtcp
