// Fuzzes the RTP packet view: parse any bytes, read every field and header
// extension, rewrite in place, RTX there and back (checked), and drive the
// receive statistics and NACK generator with the bytes as a packet sequence.
#include "rtp/header_extensions.hpp"
#include "rtp/nack_generator.hpp"
#include "rtp/receive_stats.hpp"
#include "rtp/rtp_packet.hpp"
#include "rtp/rtx.hpp"

#include <cstdint>
#include <cstring>

using namespace portunus::rtp;

namespace {
constexpr size_t kMax = 4096;

volatile uint64_t g_sink; // keeps reads from being optimised away

void check(bool ok) {
    if (!ok) __builtin_trap();
}

void readAll(RtpPacket &p) {
    uint64_t sink = 0;
    sink += p.marker() + p.payloadType() + p.sequence() + p.timestamp() + p.ssrc() + p.csrcCount();
    for (size_t i = 0; i <= p.csrcCount(); ++i) sink += p.csrc(i);
    check(p.headerSize() + p.paddingSize() + p.payloadSize() == p.size());
    for (uint8_t b : p.payload()) sink += b;
    for (unsigned id = 0; id < 256; ++id) {
        auto ext = p.extension(static_cast<uint8_t>(id));
        if (ext.empty()) continue;
        check(ext.data() >= p.data() + 12 && ext.data() + ext.size() <= p.data() + p.headerSize());
        if (auto v = readSdesId(ext)) sink += v->view().size();
        if (auto v = readAbsSendTime(ext)) sink += *v;
        if (auto v = readTransportSeq(ext)) sink += *v;
        if (auto v = readAudioLevel(ext)) sink += v->level;
        if (auto v = readVideoOrientation(ext)) sink += v->rotation;
        uint8_t copy[256];
        std::memcpy(copy, ext.data(), ext.size());
        check(p.setExtension(static_cast<uint8_t>(id), std::span(copy, ext.size())));
    }
    g_sink = sink;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > kMax) return 0;
    uint8_t buf[kMax + 16];
    std::memcpy(buf, data, size);
    if (auto p = RtpPacket::parse(buf, size, sizeof(buf))) {
        readAll(*p);
        // Rewrites as an SFU does, then the packet must still parse the same way.
        p->setSequence(static_cast<uint16_t>(p->sequence() + 1));
        p->setTimestamp(p->timestamp() + 3000);
        p->setSsrc(~p->ssrc());
        p->setPayloadType(static_cast<uint8_t>(p->payloadType() ^ 1));
        p->setMarker(!p->marker());
        writeAbsSendTime(*p, 3, 0x123456);
        writeTransportSeq(*p, 5, 77);
        for (unsigned id = 1; id < 16; ++id) p->setExtensionId(static_cast<uint8_t>(id), static_cast<uint8_t>(id + 1));
        auto again = RtpPacket::parse(buf, p->size(), sizeof(buf));
        check(again.has_value() && again->headerSize() == p->headerSize() && again->payloadSize() == p->payloadSize());

        // RTX out and back gives the packet without its padding.
        uint8_t rtx[kMax + 32];
        size_t n = writeRtx(*again, RtxParams{97, 0xABCD, 9}, rtx);
        check(n == again->headerSize() + 2 + again->payloadSize());
        auto r = RtpPacket::parse(rtx, n, sizeof(rtx));
        check(r.has_value() && decapsulateRtx(*r, again->payloadType(), again->ssrc()));
        check(r->size() == again->headerSize() + again->payloadSize());
        check(std::memcmp(rtx + 1, buf + 1, r->size() - 1) == 0 && (rtx[0] | 0x20) == (buf[0] | 0x20));
    }

    // The bytes as a packet sequence: (seq, time step) pairs.
    ReceiveStats stats(1, 90000);
    NackGenerator nack;
    int64_t now = 0;
    uint16_t out[32];
    for (size_t i = 0; i + 3 <= size; i += 3) {
        uint16_t seq = static_cast<uint16_t>((data[i] << 8) | data[i + 1]);
        now += data[i + 2] * 1000;
        stats.onPacket(seq, static_cast<uint32_t>(now / 11), now, 100);
        nack.onPacket(seq, now);
        size_t k = nack.collect(now, data[i + 2] * 100, out);
        check(k <= 32 && nack.missingCount() <= NackGenerator::kWindow);
    }
    g_sink = stats.reportBlock(now).jitter;
    return 0;
}
