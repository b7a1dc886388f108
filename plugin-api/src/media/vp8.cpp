#include "portunus/media/vp8.hpp"

#include "byte_reader.hpp"

namespace portunus::media {

namespace {
constexpr size_t kPictureIdOffset = 2; // after the required byte and the extension byte
}

std::optional<Vp8Descriptor> parseVp8(const uint8_t *payload, size_t n) {
    if (payload == nullptr || n == 0) return std::nullopt;
    const uint8_t *p = payload;
    Vp8Descriptor d{};
    d.start_of_partition = (p[0] & 0x10) != 0;
    d.partition_id = p[0] & 0x07;
    size_t pos = 1;
    if (p[0] & 0x80) { // X: extension byte
        if (n < 2) return std::nullopt;
        const uint8_t x = p[1];
        pos = 2;
        d.has_picture_id = (x & 0x80) != 0; // I
        if (d.has_picture_id && !detail::readPictureId(p, n, pos, d.picture_id, d.picture_id_16bit))
            return std::nullopt;
        if (x & 0x40) { // L
            if (pos >= n) return std::nullopt;
            d.has_tl0picidx = true;
            d.tl0picidx = p[pos++];
        }
        if (x & 0x30) { // T or K: one byte TID|Y|KEYIDX
            if (pos >= n) return std::nullopt;
            if (x & 0x20) {
                d.has_tid = true;
                d.tid = p[pos] >> 6;
                d.layer_sync = (p[pos] & 0x20) != 0;
            }
            ++pos;
        }
    }
    if (pos >= n) return std::nullopt;
    d.size = pos;
    return d;
}

bool isVp8Keyframe(const uint8_t *payload, size_t n) {
    auto d = parseVp8(payload, n);
    return d && d->start_of_partition && d->partition_id == 0 && (payload[d->size] & 0x01) == 0;
}

bool vp8KeyframeSize(const uint8_t *payload, size_t n, uint16_t &width, uint16_t &height) {
    auto d = parseVp8(payload, n);
    if (!d || !d->start_of_partition || d->partition_id != 0) return false;
    // RFC 6386 §9.1: 3-byte frame tag (P bit first), start code 9d 01 2a,
    // then width and height, little-endian, 14 bits each plus 2 scaling bits.
    const uint8_t *f = payload + d->size;
    if (n - d->size < 10 || (f[0] & 0x01) != 0) return false;
    if (f[3] != 0x9D || f[4] != 0x01 || f[5] != 0x2A) return false;
    width = uint16_t((f[6] | f[7] << 8) & 0x3FFF);
    height = uint16_t((f[8] | f[9] << 8) & 0x3FFF);
    return true;
}

uint32_t Vp8Rewriter::pictureInput(const Vp8Descriptor &d) const {
    return d.picture_id_16bit ? d.picture_id : picture_id_.widen(d.picture_id, 7);
}

void Vp8Rewriter::rewrite(uint8_t *payload, size_t n) {
    auto d = parseVp8(payload, n);
    if (!d) return;
    size_t pos = kPictureIdOffset;
    if (d->has_picture_id) {
        const uint32_t out = picture_id_.map(pictureInput(*d));
        if (d->picture_id_16bit) {
            payload[pos] = uint8_t(0x80 | (out >> 8 & 0x7F));
            payload[pos + 1] = uint8_t(out);
            pos += 2;
        } else {
            payload[pos] = uint8_t(out & 0x7F);
            pos += 1;
        }
    }
    if (d->has_tl0picidx) payload[pos] = uint8_t(tl0picidx_.map(d->tl0picidx));
}

void Vp8Rewriter::drop(const uint8_t *payload, size_t n) {
    auto d = parseVp8(payload, n);
    if (d && d->has_picture_id) picture_id_.drop(pictureInput(*d));
}

void Vp8Rewriter::switchSource() {
    picture_id_.resync();
    tl0picidx_.resync();
}

} // namespace portunus::media
