// Source description (SDES, PT 202, RFC 3550 §6.5). We mostly skip it; the
// view validates the chunk/item structure and lets the caller walk items,
// and the writer emits the CNAME chunk a compound report must carry.
#pragma once

#include "rtp/rtcp/rtcp_header.hpp"

#include <optional>
#include <span>
#include <string_view>

namespace portunus::rtp::rtcp {

inline constexpr uint8_t kSdesCname = 1;

class Sdes {
public:
    static std::optional<Sdes> parse(const PacketView &packet);

    size_t chunkCount() const { return count_; }
    // Calls f(ssrc, item_type, text) for each item; the text views the buffer.
    template <typename F>
    void forEachItem(F &&f) const {
        walk(body_, count_, f);
    }

private:
    // Walks `count` chunks; false when they do not fit in `body`.
    template <typename F>
    static bool walk(std::span<const uint8_t> body, size_t count, F &&f) {
        size_t pos = 0;
        for (size_t c = 0; c < count; ++c) {
            if (pos + 4 > body.size()) return false;
            uint32_t ssrc = read32(body.data() + pos);
            pos += 4;
            for (;;) {
                if (pos >= body.size()) return false;
                uint8_t type = body[pos];
                if (type == 0) break;
                if (pos + 2 > body.size() || pos + 2 + body[pos + 1] > body.size()) return false;
                size_t len = body[pos + 1];
                f(ssrc, type, std::string_view(reinterpret_cast<const char *>(body.data() + pos + 2), len));
                pos += 2 + len;
            }
            pos = (pos + 4) & ~size_t(3); // the null item, then pad to a word boundary
            if (pos > body.size()) return false;
        }
        return true;
    }

    std::span<const uint8_t> body_;
    uint8_t count_ = 0;
};

// One chunk with one CNAME item; bytes written or 0 (too small, CNAME > 255 bytes).
size_t writeSdesCname(std::span<uint8_t> out, uint32_t ssrc, std::string_view cname);

} // namespace portunus::rtp::rtcp
