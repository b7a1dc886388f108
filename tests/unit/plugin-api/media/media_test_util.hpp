// Helpers for the media toolkit tests: VP8 payload descriptors, the libvpx
// fixture frames, and a bit writer for dependency descriptors (tests may allocate).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace portunus::media::test {

// An RFC 7741 payload descriptor; fields left at their defaults are absent.
struct Vp8DescriptorBuilder {
    bool start = true;
    uint8_t partition = 0;
    int picture_id = -1; // -1: none
    bool picture_id_16bit = true;
    int tl0picidx = -1; // -1: none
    int tid = -1;       // -1: none
    bool layer_sync = false;
    int keyidx = -1; // -1: none

    std::vector<uint8_t> build() const {
        const bool has_t = tid >= 0, has_k = keyidx >= 0;
        const bool x = picture_id >= 0 || tl0picidx >= 0 || has_t || has_k;
        std::vector<uint8_t> b{uint8_t((x ? 0x80 : 0) | (start ? 0x10 : 0) | partition)};
        if (!x) return b;
        b.push_back(uint8_t((picture_id >= 0 ? 0x80 : 0) | (tl0picidx >= 0 ? 0x40 : 0) | (has_t ? 0x20 : 0) |
                            (has_k ? 0x10 : 0)));
        if (picture_id >= 0) {
            if (picture_id_16bit) {
                b.push_back(uint8_t(0x80 | (picture_id >> 8)));
                b.push_back(uint8_t(picture_id));
            } else {
                b.push_back(uint8_t(picture_id & 0x7F));
            }
        }
        if (tl0picidx >= 0) b.push_back(uint8_t(tl0picidx));
        if (has_t || has_k)
            b.push_back(uint8_t((has_t ? tid << 6 : 0) | (layer_sync ? 0x20 : 0) | (has_k ? keyidx & 0x1F : 0)));
        return b;
    }

    // The descriptor followed by `frame` (or one delta-frame byte).
    std::vector<uint8_t> payload(const std::vector<uint8_t> &frame = {0x01}) const {
        std::vector<uint8_t> p = build();
        p.insert(p.end(), frame.begin(), frame.end());
        return p;
    }
};

// The frames of an IVF file in tests/fixtures/media/.
inline std::vector<std::vector<uint8_t>> ivfFrames(const char *name) {
    auto path = std::filesystem::path(__FILE__).parent_path() / "../../../fixtures/media" / name;
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in.good()) << "missing fixture " << path;
    std::vector<uint8_t> file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<std::vector<uint8_t>> frames;
    if (file.size() < 32 || file[0] != 'D' || file[1] != 'K' || file[2] != 'I' || file[3] != 'F') return frames;
    for (size_t pos = 32; pos + 12 <= file.size();) {
        size_t size = size_t(file[pos]) | size_t(file[pos + 1]) << 8 | size_t(file[pos + 2]) << 16 |
                      size_t(file[pos + 3]) << 24;
        pos += 12;
        if (size > file.size() - pos) break;
        frames.emplace_back(file.begin() + long(pos), file.begin() + long(pos + size));
        pos += size;
    }
    return frames;
}

// Writes bits most significant first, as the AV1 specification's f(n).
class BitWriter {
public:
    BitWriter &bits(uint32_t value, unsigned count) {
        for (unsigned i = count; i-- > 0;) {
            if (used_ % 8 == 0) bytes_.push_back(0);
            if ((value >> i) & 1) bytes_.back() |= uint8_t(0x80 >> (used_ % 8));
            ++used_;
        }
        return *this;
    }
    BitWriter &flag(bool b) { return bits(b ? 1 : 0, 1); }
    const std::vector<uint8_t> &bytes() const { return bytes_; }

private:
    std::vector<uint8_t> bytes_;
    size_t used_ = 0;
};

} // namespace portunus::media::test
