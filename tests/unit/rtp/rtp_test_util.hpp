// Builds RTP packets byte by byte for the rtp/ tests (tests may allocate).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <utility>
#include <vector>

namespace portunus::rtp::test {

struct RtpBuilder {
    uint8_t pt = 96;
    bool marker = false;
    uint16_t seq = 1;
    uint32_t ts = 1000;
    uint32_t ssrc = 0x11223344;
    std::vector<uint32_t> csrcs;
    bool has_ext = false;
    uint16_t profile = 0;
    std::vector<uint8_t> ext; // the extension block body, zero-padded to 4 by build()
    std::vector<uint8_t> payload;
    uint8_t padding = 0;

    // One-byte (0xBEDE) extensions: {id, value} with 1..16 byte values.
    RtpBuilder &oneByte(std::initializer_list<std::pair<uint8_t, std::vector<uint8_t>>> exts) {
        has_ext = true;
        profile = 0xBEDE;
        for (auto &[id, v] : exts) {
            ext.push_back(static_cast<uint8_t>((id << 4) | (v.size() - 1)));
            ext.insert(ext.end(), v.begin(), v.end());
        }
        return *this;
    }
    // Two-byte (0x1000) extensions: {id, value} with 0..255 byte values.
    RtpBuilder &twoByte(std::initializer_list<std::pair<uint8_t, std::vector<uint8_t>>> exts) {
        has_ext = true;
        profile = 0x1000;
        for (auto &[id, v] : exts) {
            ext.push_back(id);
            ext.push_back(static_cast<uint8_t>(v.size()));
            ext.insert(ext.end(), v.begin(), v.end());
        }
        return *this;
    }

    std::vector<uint8_t> build() const {
        std::vector<uint8_t> b;
        b.push_back(static_cast<uint8_t>(0x80 | (padding ? 0x20 : 0) | (has_ext ? 0x10 : 0) | csrcs.size()));
        b.push_back(static_cast<uint8_t>((marker ? 0x80 : 0) | pt));
        put16(b, seq);
        put32(b, ts);
        put32(b, ssrc);
        for (uint32_t c : csrcs) put32(b, c);
        if (has_ext) {
            std::vector<uint8_t> body = ext;
            while (body.size() % 4) body.push_back(0);
            put16(b, profile);
            put16(b, static_cast<uint16_t>(body.size() / 4));
            b.insert(b.end(), body.begin(), body.end());
        }
        b.insert(b.end(), payload.begin(), payload.end());
        if (padding) {
            for (int i = 0; i < padding - 1; ++i) b.push_back(0);
            b.push_back(padding);
        }
        return b;
    }

    static void put16(std::vector<uint8_t> &b, uint16_t v) {
        b.push_back(static_cast<uint8_t>(v >> 8));
        b.push_back(static_cast<uint8_t>(v));
    }
    static void put32(std::vector<uint8_t> &b, uint32_t v) {
        put16(b, static_cast<uint16_t>(v >> 16));
        put16(b, static_cast<uint16_t>(v));
    }
};

} // namespace portunus::rtp::test
