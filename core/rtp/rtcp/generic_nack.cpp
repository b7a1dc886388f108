#include "rtp/rtcp/generic_nack.hpp"

namespace portunus::rtp::rtcp {
namespace {
// Groups seqs into items, calling emit(index, item) for each; returns the count.
template <typename Emit>
size_t pack(std::span<const uint16_t> seqs, Emit &&emit) {
    size_t count = 0;
    NackItem current;
    for (uint16_t seq : seqs) {
        uint16_t offset = static_cast<uint16_t>(seq - current.pid);
        if (count > 0 && offset == 0) continue; // repeated
        if (count > 0 && offset <= 16) {
            current.blp = static_cast<uint16_t>(current.blp | (1u << (offset - 1)));
            continue;
        }
        if (count > 0) emit(count - 1, current);
        current = NackItem{seq, 0};
        ++count;
    }
    if (count > 0) emit(count - 1, current);
    return count;
}
} // namespace

std::optional<GenericNack> GenericNack::parse(const PacketView &packet) {
    auto fb = parseFeedback(packet, kRtpFeedback, kFmtGenericNack);
    if (!fb || fb->fci.empty() || fb->fci.size() % 4 != 0) return std::nullopt;
    GenericNack nack;
    nack.fb_ = *fb;
    return nack;
}

NackItem GenericNack::item(size_t index) const {
    if (index >= itemCount()) return {};
    const uint8_t *p = fb_.fci.data() + 4 * index;
    return NackItem{read16(p), read16(p + 2)};
}

size_t packNackItems(std::span<const uint16_t> seqs, std::span<NackItem> out) {
    return pack(seqs, [&](size_t i, NackItem item) {
        if (i < out.size()) out[i] = item;
    });
}

size_t writeGenericNack(std::span<uint8_t> out, uint32_t sender_ssrc, uint32_t media_ssrc,
                        std::span<const uint16_t> seqs) {
    if (out.size() < kFeedbackHeaderSize) return 0;
    size_t items = pack(seqs, [](size_t, NackItem) {});
    if (items == 0 || items > (out.size() - kFeedbackHeaderSize) / 4 || items > 0x3FFF) return 0;
    size_t total = kFeedbackHeaderSize + 4 * items;
    uint8_t *p = out.data();
    writeFeedbackHeader(p, kRtpFeedback, kFmtGenericNack, total, sender_ssrc, media_ssrc);
    pack(seqs, [&](size_t i, NackItem item) {
        write16(p + kFeedbackHeaderSize + 4 * i, item.pid);
        write16(p + kFeedbackHeaderSize + 4 * i + 2, item.blp);
    });
    return total;
}

} // namespace portunus::rtp::rtcp
