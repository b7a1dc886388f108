#include "rtp/rtcp/compound.hpp"

namespace portunus::rtp::rtcp {

bool CompoundReader::next(PacketView &out) {
    if (error_ || rest_.empty()) return false;
    error_ = true;
    if (rest_.size() < kHeaderSize || (rest_[0] >> 6) != 2) return false;
    size_t total = 4 * (size_t(read16(rest_.data() + 2)) + 1);
    if (total > rest_.size()) return false;
    size_t padding = 0;
    if (rest_[0] & 0x20) {
        padding = rest_[total - 1];
        if (padding == 0 || padding > total - kHeaderSize) return false;
    }
    out.count = rest_[0] & 0x1F;
    out.type = rest_[1];
    out.bytes = rest_.first(total - padding);
    rest_ = rest_.subspan(total);
    error_ = false;
    return true;
}

bool CompoundReader::validate(std::span<const uint8_t> buffer) {
    CompoundReader reader(buffer);
    PacketView view;
    size_t packets = 0;
    while (reader.next(view)) ++packets;
    return packets > 0 && !reader.error();
}

} // namespace portunus::rtp::rtcp
