#include "portunus/media/vp9.hpp"

#include "byte_reader.hpp"

namespace portunus::media {

namespace {
constexpr int kMaxReferences = 3; // P_DIFF entries in flexible mode

// The scalability structure (RFC 9628 §4.2.1) at p[pos]: returns the
// position after it, or 0 when it does not fit in n.
size_t skipScalabilityStructure(const uint8_t *p, size_t n, size_t pos) {
    if (pos >= n) return 0;
    const uint8_t v = p[pos++];
    const size_t spatial_layers = size_t(v >> 5) + 1; // N_S + 1
    if (v & 0x10) { // Y: width and height of each layer
        if (n - pos < 4 * spatial_layers) return 0;
        pos += 4 * spatial_layers;
    }
    if (v & 0x08) { // G: picture group description
        if (pos >= n) return 0;
        const size_t pictures = p[pos++]; // N_G
        for (size_t i = 0; i < pictures; ++i) {
            if (pos >= n) return 0;
            const size_t references = (p[pos++] >> 2) & 0x03; // R
            if (n - pos < references) return 0;
            pos += references;
        }
    }
    return pos;
}
} // namespace

std::optional<Vp9Descriptor> parseVp9(const uint8_t *payload, size_t n) {
    if (payload == nullptr || n == 0) return std::nullopt;
    const uint8_t *p = payload;
    Vp9Descriptor d{};
    const uint8_t b0 = p[0];
    d.has_picture_id = (b0 & 0x80) != 0;
    d.inter_picture_predicted = (b0 & 0x40) != 0;
    d.layer_indices = (b0 & 0x20) != 0;
    d.flexible = (b0 & 0x10) != 0;
    d.begin_frame = (b0 & 0x08) != 0;
    d.end_frame = (b0 & 0x04) != 0;
    d.has_ss = (b0 & 0x02) != 0;
    size_t pos = 1;
    if (d.has_picture_id && !detail::readPictureId(p, n, pos, d.picture_id, d.picture_id_16bit))
        return std::nullopt;
    if (d.layer_indices) {
        if (pos >= n) return std::nullopt;
        const uint8_t l = p[pos++];
        d.tid = l >> 5;
        d.switching_up = (l & 0x10) != 0;
        d.sid = (l >> 1) & 0x07;
        d.inter_layer = (l & 0x01) != 0;
        if (!d.flexible) {
            if (pos >= n) return std::nullopt;
            d.has_tl0picidx = true;
            d.tl0picidx = p[pos++];
        }
    }
    if (d.flexible && d.inter_picture_predicted) { // P_DIFF list, N bit: another follows
        for (int i = 0;; ++i) {
            if (pos >= n || i == kMaxReferences) return std::nullopt;
            if ((p[pos++] & 0x01) == 0) break;
        }
    }
    if (d.has_ss) {
        pos = skipScalabilityStructure(p, n, pos);
        if (pos == 0) return std::nullopt;
    }
    d.size = pos;
    return d;
}

bool isVp9Keyframe(const uint8_t *payload, size_t n) {
    auto d = parseVp9(payload, n);
    return d && d->begin_frame && !d->inter_picture_predicted && d->sid == 0;
}

} // namespace portunus::media
