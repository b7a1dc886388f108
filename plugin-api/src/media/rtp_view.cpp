#include "portunus/media/rtp_view.hpp"

#include "byte_reader.hpp"

namespace portunus::media {

using detail::read16;
using detail::read32;

namespace {
constexpr size_t kFixedHeader = 12;
constexpr uint16_t kOneByteProfile = 0xBEDE;
constexpr uint16_t kTwoByteProfile = 0x1000; // low 4 bits: application bits
} // namespace

std::optional<RtpHeader> parseRtp(const uint8_t *data, size_t length) {
    if (data == nullptr || length < kFixedHeader || (data[0] >> 6) != 2) return std::nullopt;
    RtpHeader h{};
    h.marker = (data[1] & 0x80) != 0;
    h.payload_type = data[1] & 0x7F;
    h.seq = read16(data + 2);
    h.timestamp = read32(data + 4);
    h.ssrc = read32(data + 8);

    size_t pos = kFixedHeader + 4 * size_t(data[0] & 0x0F);
    if (pos > length) return std::nullopt;
    if (data[0] & 0x10) {
        if (length - pos < 4) return std::nullopt;
        h.ext_profile = read16(data + pos);
        h.ext_size = 4 * size_t(read16(data + pos + 2));
        if (length - pos - 4 < h.ext_size) return std::nullopt;
        h.ext = data + pos + 4;
        pos += 4 + h.ext_size;
    }
    h.header_size = pos;

    size_t padding = 0;
    if (data[0] & 0x20) {
        if (length == pos) return std::nullopt;
        padding = data[length - 1];
        if (padding == 0 || padding > length - pos) return std::nullopt;
    }
    h.payload = data + pos;
    h.payload_size = length - pos - padding;
    return h;
}

std::span<const uint8_t> findExtension(const RtpHeader &h, uint8_t id) {
    if (id == 0 || h.ext == nullptr) return {};
    const uint8_t *p = h.ext;
    const size_t n = h.ext_size;
    if (h.ext_profile == kOneByteProfile) {
        if (id > 14) return {};
        for (size_t i = 0; i < n;) {
            uint8_t element_id = p[i] >> 4;
            if (element_id == 0) { // padding
                ++i;
                continue;
            }
            if (element_id == 15) return {}; // reserved: the rest is not to be read (RFC 8285 §4.2)
            size_t len = size_t(p[i] & 0x0F) + 1;
            if (len > n - i - 1) return {};
            if (element_id == id) return {p + i + 1, len};
            i += 1 + len;
        }
    } else if ((h.ext_profile & 0xFFF0) == kTwoByteProfile) {
        for (size_t i = 0; i < n;) {
            if (p[i] == 0) { // padding
                ++i;
                continue;
            }
            if (n - i < 2) return {};
            size_t len = p[i + 1];
            if (len > n - i - 2) return {};
            if (p[i] == id) return {p + i + 2, len};
            i += 2 + len;
        }
    }
    return {};
}

} // namespace portunus::media
