#include "rtp/rtcp/bye.hpp"

#include <cstring>

namespace portunus::rtp::rtcp {

std::optional<Bye> Bye::parse(const PacketView &packet) {
    if (packet.type != kBye) return std::nullopt;
    auto body = packet.body();
    size_t ssrc_bytes = 4 * size_t(packet.count);
    if (body.size() < ssrc_bytes) return std::nullopt;
    Bye bye;
    bye.ssrcs_ = body.data();
    bye.count_ = packet.count;
    if (body.size() > ssrc_bytes) {
        size_t len = body[ssrc_bytes];
        if (ssrc_bytes + 1 + len > body.size()) return std::nullopt;
        bye.reason_ = std::string_view(reinterpret_cast<const char *>(body.data() + ssrc_bytes + 1), len);
    }
    return bye;
}

size_t writeBye(std::span<uint8_t> out, std::span<const uint32_t> ssrcs, std::string_view reason) {
    if (ssrcs.size() > 31 || reason.size() > 255) return 0;
    size_t reason_bytes = reason.empty() ? 0 : (1 + reason.size() + 3) & ~size_t(3);
    size_t total = kHeaderSize + 4 * ssrcs.size() + reason_bytes;
    if (out.size() < total) return 0;
    uint8_t *p = out.data();
    writeHeader(p, static_cast<uint8_t>(ssrcs.size()), kBye, total);
    for (size_t i = 0; i < ssrcs.size(); ++i) write32(p + 4 + 4 * i, ssrcs[i]);
    if (!reason.empty()) {
        uint8_t *r = p + 4 + 4 * ssrcs.size();
        r[0] = static_cast<uint8_t>(reason.size());
        std::memcpy(r + 1, reason.data(), reason.size());
        std::memset(r + 1 + reason.size(), 0, reason_bytes - 1 - reason.size());
    }
    return total;
}

} // namespace portunus::rtp::rtcp
