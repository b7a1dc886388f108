// Big-endian reads, the VP8/VP9 picture id and a bit reader for the
// toolkit's parsers (private).
// Callers check bounds before read16/read32; BitReader checks its own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace portunus::media::detail {

inline uint16_t read16(const uint8_t *p) { return uint16_t(p[0] << 8 | p[1]); }
inline uint32_t read32(const uint8_t *p) {
    return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3];
}

// The picture id VP8 and VP9 descriptors share at p[pos]: M bit, then 7 or
// 15 bits. Advances pos; false when it does not fit in n.
inline bool readPictureId(const uint8_t *p, size_t n, size_t &pos, uint16_t &id, bool &wide) {
    if (pos >= n) return false;
    wide = (p[pos] & 0x80) != 0;
    if (wide && n - pos < 2) return false;
    id = wide ? uint16_t((p[pos] & 0x7F) << 8 | p[pos + 1]) : uint16_t(p[pos] & 0x7F);
    pos += wide ? 2 : 1;
    return true;
}

// Reads bits most significant first. Reading past the end yields zeros and
// makes ok() false for good, so a parser checks once at the end.
class BitReader {
public:
    explicit BitReader(std::span<const uint8_t> bytes) : bytes_(bytes) {}

    uint32_t bits(unsigned count) { // count <= 32
        uint32_t value = 0;
        for (unsigned i = 0; i < count; ++i) value = value << 1 | bit();
        return value;
    }
    bool flag() { return bit() != 0; }

    // ns(n) of the AV1 specification (4.10.7): a value in [0, n) in a
    // non-symmetric unsigned encoding, w - 1 or w bits where 2^(w-1) < n <= 2^w.
    uint32_t nonSymmetric(uint32_t n) {
        if (n <= 1) return 0;
        unsigned w = 0;
        for (uint32_t x = n; x != 0; x >>= 1) ++w;
        uint32_t m = (uint32_t(1) << w) - n;
        uint32_t v = bits(w - 1);
        if (v < m) return v;
        return (v << 1) - m + bit();
    }

    bool ok() const { return ok_; }

private:
    uint32_t bit() {
        if (pos_ >= bytes_.size() * 8) {
            ok_ = false;
            return 0;
        }
        uint32_t b = (bytes_[pos_ / 8] >> (7 - pos_ % 8)) & 1;
        ++pos_;
        return b;
    }

    std::span<const uint8_t> bytes_;
    size_t pos_ = 0;
    bool ok_ = true;
};

} // namespace portunus::media::detail
