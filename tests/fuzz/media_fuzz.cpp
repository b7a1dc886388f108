// Fuzzes the SDK's media toolkit: the RTP view (checked against the core's
// parser), header extensions, VP8/VP9 descriptors, keyframe detection for
// every codec, audio levels, the dependency descriptor, and the rewriters and
// simulcast selector driven by the bytes as a packet sequence.
#include "rtp/rtp_packet.hpp"

#include <portunus/media/audio_level.hpp>
#include <portunus/media/codec.hpp>
#include <portunus/media/dependency_descriptor.hpp>
#include <portunus/media/rtp_rewriter.hpp>
#include <portunus/media/rtp_view.hpp>
#include <portunus/media/simulcast_selector.hpp>
#include <portunus/media/vp8.hpp>
#include <portunus/media/vp9.hpp>

#include <cstdint>
#include <cstring>

using namespace portunus::media;

namespace {
constexpr size_t kMax = 4096;

volatile uint64_t g_sink; // keeps reads from being optimised away

void check(bool ok) {
    if (!ok) __builtin_trap();
}

bool within(const uint8_t *p, size_t n, const uint8_t *begin, const uint8_t *end) {
    return n == 0 || (p >= begin && p + n <= end);
}

uint64_t payloadChecks(uint8_t *p, size_t n) {
    uint64_t sink = 0;
    for (Codec c : {Codec::unknown, Codec::opus, Codec::pcmu, Codec::pcma, Codec::g722, Codec::vp8, Codec::vp9,
                    Codec::h264, Codec::av1, Codec::h265})
        sink += isKeyframe(c, p, n);
    uint16_t w = 0, h = 0;
    sink += vp8KeyframeSize(p, n, w, h) ? w + h : 0;
    if (auto d = parseVp9(p, n)) {
        check(d->size <= n);
        sink += d->size + d->picture_id;
    }
    if (auto d = parseVp8(p, n)) {
        check(d->size < n);
        // The rewriter keeps the descriptor's size and form.
        Vp8Rewriter rewriter;
        rewriter.rewrite(p, n);
        rewriter.switchSource();
        rewriter.rewrite(p, n);
        auto again = parseVp8(p, n);
        check(again && again->size == d->size && again->picture_id_16bit == d->picture_id_16bit &&
              again->has_tl0picidx == d->has_tl0picidx);
        rewriter.drop(p, n);
        sink += again->picture_id + again->tl0picidx;
    }
    return sink;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > kMax) return 0;
    uint8_t buf[kMax + 1];
    std::memcpy(buf, data, size);
    uint64_t sink = 0;

    auto core = portunus::rtp::RtpPacket::parse(buf, size, sizeof(buf));
    if (auto h = parseRtp(buf, size)) {
        check(h->header_size + h->payload_size <= size && h->payload == buf + h->header_size);
        check(within(h->ext, h->ext_size, buf + 12, buf + h->header_size));
        if (core) check(core->headerSize() == h->header_size && core->payloadSize() == h->payload_size);
        for (unsigned id = 0; id < 256; ++id) {
            auto ext = findExtension(*h, uint8_t(id));
            check(within(ext.data(), ext.size(), h->ext, h->ext + h->ext_size));
            auto known = core ? core->extension(uint8_t(id)) : std::span<const uint8_t>();
            if (!known.empty()) check(ext.size() == known.size() && ext.data() == known.data());
            if (auto level = parseAudioLevel(ext)) sink += level->level;
            DependencyStructure structure;
            if (auto dd = parseDependencyDescriptor(ext, &structure)) sink += dd->frame_number;
        }
        sink += payloadChecks(buf + h->header_size, h->payload_size);
    } else {
        check(!core);
    }

    // The whole input as a payload, and as dependency descriptors: the first
    // one's structure (if any) resolves the second.
    std::memcpy(buf, data, size);
    sink += payloadChecks(buf, size);
    DependencyStructure structure;
    if (auto dd = parseDependencyDescriptor({data, size}, &structure)) {
        check(!dd->has_layer_ids || dd->spatial_id <= 3);
        if (size > 3) {
            auto next = parseDependencyDescriptor({data + size / 2, size - size / 2}, &structure);
            sink += next ? next->frame_number : 0;
        }
    }

    // The bytes as packets of a simulcast publisher: (layer+flags, seq, time step).
    SimulcastSelector selector;
    RtpRewriter rewriter;
    selector.setTarget(size % 3, int(size % 4) - 1);
    int64_t now = 0;
    uint32_t out_ssrc = 0;
    for (size_t i = 0; i + 4 <= size; i += 4) {
        const int layer = data[i] & 0x03;
        const bool key = data[i] & 0x04;
        const int tid = int((data[i] >> 3) & 0x03) - 1;
        const auto seq = uint16_t(data[i + 1] << 8 | data[i + 2]);
        now += data[i + 3] * 10000;
        auto d = selector.onPacket(layer, key, tid, now, data[i] & 0x20);
        check(!(d.forward && d.dropped) && (!d.forward || selector.current() == layer));
        if (d.switched) rewriter.switchSource();
        if (d.dropped) rewriter.drop(seq);
        if (d.forward) {
            auto out = rewriter.rewrite(0x100u + uint32_t(layer), seq, uint32_t(now / 11), 90000, now);
            auto again = rewriter.rewrite(0x100u + uint32_t(layer), seq, uint32_t(now / 11), 90000, now);
            check(out.seq == again.seq && out.timestamp == again.timestamp);
            check(out_ssrc == 0 || out.ssrc == out_ssrc);
            out_ssrc = out.ssrc;
        }
    }
    g_sink = sink;
    return 0;
}
