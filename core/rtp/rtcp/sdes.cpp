#include "rtp/rtcp/sdes.hpp"

#include <cstring>

namespace portunus::rtp::rtcp {

std::optional<Sdes> Sdes::parse(const PacketView &packet) {
    if (packet.type != kSdes) return std::nullopt;
    if (!walk(packet.body(), packet.count, [](uint32_t, uint8_t, std::string_view) {})) return std::nullopt;
    Sdes s;
    s.body_ = packet.body();
    s.count_ = packet.count;
    return s;
}

size_t writeSdesCname(std::span<uint8_t> out, uint32_t ssrc, std::string_view cname) {
    if (cname.size() > 255) return 0;
    // header + SSRC + type + length + text + at least one null octet, padded to 4.
    size_t total = (kHeaderSize + 4 + 2 + cname.size() + 1 + 3) & ~size_t(3);
    if (out.size() < total) return 0;
    uint8_t *p = out.data();
    writeHeader(p, 1, kSdes, total);
    write32(p + 4, ssrc);
    p[8] = kSdesCname;
    p[9] = static_cast<uint8_t>(cname.size());
    if (!cname.empty()) std::memcpy(p + 10, cname.data(), cname.size());
    std::memset(p + 10 + cname.size(), 0, total - 10 - cname.size());
    return total;
}

} // namespace portunus::rtp::rtcp
