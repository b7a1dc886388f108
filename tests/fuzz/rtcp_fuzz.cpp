// Fuzzes RTCP: iterate any bytes as a compound, parse every typed view and
// walk what it holds (report blocks, SDES items, NACK expansion, the
// transport-cc statuses); then use the bytes as received transport-cc
// arrivals and NACK lists and check that what the builders write parses back
// to the same thing.
#include "rtp/rtcp/bye.hpp"
#include "rtp/rtcp/compound.hpp"
#include "rtp/rtcp/fir.hpp"
#include "rtp/rtcp/generic_nack.hpp"
#include "rtp/rtcp/pli.hpp"
#include "rtp/rtcp/receiver_report.hpp"
#include "rtp/rtcp/remb.hpp"
#include "rtp/rtcp/sdes.hpp"
#include "rtp/rtcp/sender_report.hpp"
#include "rtp/rtcp/transport_feedback.hpp"
#include "rtp/rtcp/transport_feedback_builder.hpp"

#include <cstdint>

using namespace portunus::rtp::rtcp;

namespace {
volatile uint64_t g_sink; // keeps reads from being optimised away

void check(bool ok) {
    if (!ok) __builtin_trap();
}

void walk(const PacketView &v) {
    uint64_t sink = 0;
    if (auto sr = SenderReport::parse(v)) {
        sink += sr->compactNtp();
        for (size_t i = 0; i < sr->reportCount(); ++i) sink += sr->reportBlock(i).jitter;
    }
    if (auto rr = ReceiverReport::parse(v))
        for (size_t i = 0; i < rr->reportCount(); ++i) sink += rr->reportBlock(i).cumulative_lost;
    if (auto sdes = Sdes::parse(v)) sdes->forEachItem([&](uint32_t s, uint8_t t, std::string_view x) { sink += s + t + x.size(); });
    if (auto bye = Bye::parse(v)) {
        for (size_t i = 0; i < bye->ssrcCount(); ++i) sink += bye->ssrc(i);
        sink += bye->reason().size();
    }
    if (auto nack = GenericNack::parse(v)) nack->forEachLost([&](uint16_t s) { sink += s; });
    if (auto pli = Pli::parse(v)) sink += pli->mediaSsrc();
    if (auto fir = Fir::parse(v))
        for (size_t i = 0; i < fir->entryCount(); ++i) sink += fir->entry(i).seq_nr;
    if (auto remb = Remb::parse(v)) {
        sink += remb->bitrate();
        for (size_t i = 0; i < remb->ssrcCount(); ++i) sink += remb->ssrc(i);
    }
    if (auto tcc = TransportFeedback::parse(v)) {
        auto r = tcc->reader();
        TccPacketStatus s;
        size_t count = 0, received = 0;
        while (r.next(s)) {
            check(s.seq == static_cast<uint16_t>(tcc->baseSequence() + count));
            ++count;
            received += s.received;
        }
        check(count == tcc->statusCount() && received == tcc->receivedCount());
    }
    g_sink = sink;
}

// Arrivals from the bytes: (seq step, time step) pairs; the feedback written must parse back to them.
void transportCcRoundTrip(const uint8_t *data, size_t size) {
    TransportFeedbackBuilder builder;
    uint16_t seq = 1000;
    int64_t now = 1000000;
    uint8_t out[400];
    for (size_t i = 0; i + 2 <= size; i += 2) {
        seq = static_cast<uint16_t>(seq + (data[i] & 0x0F) - 2);                 // gaps and reordering
        now += (data[i + 1] < 250 ? data[i + 1] : data[i + 1] * 4000) * 50 - 2000; // sometimes way later
        builder.onPacket(seq, now);
        if ((data[i] & 0xF0) != 0xF0 && i + 2 < size) continue;
        while (builder.hasPending()) {
            size_t n = builder.write(out, 1, 2);
            check(n > 0 && n <= sizeof(out) && n % 4 == 0);
            CompoundReader reader(std::span(out, n));
            PacketView v;
            check(reader.next(v));
            auto fb = TransportFeedback::parse(v);
            check(fb.has_value() && fb->statusCount() > 0 && fb->receivedCount() > 0);
        }
    }
}

void nackRoundTrip(const uint8_t *data, size_t size) {
    uint16_t seqs[64];
    size_t n = 0;
    uint16_t seq = 65500;
    for (size_t i = 0; i < size && n < 64; ++i) seqs[n++] = seq = static_cast<uint16_t>(seq + 1 + data[i] % 20);
    if (n == 0) return;
    uint8_t out[12 + 4 * 64];
    size_t len = writeGenericNack(out, 1, 2, std::span(seqs, n));
    CompoundReader reader(std::span(out, len));
    PacketView v;
    check(len > 0 && reader.next(v));
    auto nack = GenericNack::parse(v);
    check(nack.has_value());
    size_t i = 0;
    nack->forEachLost([&](uint16_t s) { check(i < n && s == seqs[i++]); });
    check(i == n);
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    CompoundReader reader(std::span(data, size));
    PacketView v;
    while (reader.next(v)) {
        check(v.bytes.size() >= kHeaderSize && v.bytes.data() >= data && v.bytes.data() + v.bytes.size() <= data + size);
        walk(v);
    }
    transportCcRoundTrip(data, size);
    nackRoundTrip(data, size);
    return 0;
}
