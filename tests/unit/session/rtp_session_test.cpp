// RtpSession without a network: packets in through the entry points, what it
// sends collected by a fake listener and parsed back with the rtcp readers;
// time is passed explicitly.
#include "session/rtp_session.hpp"

#include "rtp/byte_io.hpp"
#include "rtp/ntp_time.hpp"
#include "rtp/rtcp/compound.hpp"
#include "rtp/rtcp/compound_builder.hpp"
#include "rtp/rtcp/generic_nack.hpp"
#include "rtp/rtcp/pli.hpp"
#include "rtp/rtcp/receiver_report.hpp"
#include "rtp/rtcp/remb.hpp"
#include "rtp/rtcp/sdes.hpp"
#include "rtp/rtcp/sender_report.hpp"
#include "rtp/rtcp/transport_feedback.hpp"
#include "sdp/session_description.hpp"
#include "session/media_map.hpp"

#include "../rtp/allocation_counter.hpp"
#include "../rtp/rtp_test_util.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

using namespace portunus;
namespace rtcp = portunus::rtp::rtcp;
using portunus::rtp::test::RtpBuilder;

namespace {

constexpr int64_t kStart = 1000000000; // 1000 s on the loop's clock
constexpr uint32_t kRemoteSsrc = 0xAABBCC01;
constexpr uint32_t kRemoteRtxSsrc = 0xAABBCC02;
constexpr uint8_t kTccId = 3;
constexpr uint8_t kRidId = 4;
constexpr uint8_t kRepairedRidId = 5;

using Bytes = std::vector<uint8_t>;

struct FakeListener : RtpSessionListener {
    std::vector<Bytes> rtp, rtcp;
    void onRtpSessionSendRtp(uint8_t *data, size_t length) override { rtp.emplace_back(data, data + length); }
    void onRtpSessionSendRtcp(uint8_t *data, size_t length) override { rtcp.emplace_back(data, data + length); }
    void clear() {
        rtp.clear();
        rtcp.clear();
    }
};

sdp::MediaSection section(sdp::MediaKind kind, std::string mid, sdp::Direction dir, bool rtx) {
    sdp::MediaSection m;
    m.kind = kind;
    m.mid = std::move(mid);
    m.direction = dir;
    m.rtcpMux = true;
    if (kind == sdp::MediaKind::Video) {
        m.formats = {"96"};
        m.rtpmaps.push_back({96, "VP8", 90000, 0});
        if (rtx) {
            m.formats.push_back("97");
            m.rtpmaps.push_back({97, "rtx", 90000, 0});
            m.fmtps.push_back({97, "apt=96"});
        }
    } else {
        m.formats = {"111"};
        m.rtpmaps.push_back({111, "opus", 48000, 2});
    }
    return m;
}

// One negotiated line: `dir` is our answer's direction.
MediaMap oneLine(sdp::MediaKind kind, sdp::Direction dir, bool rtx = true) {
    sdp::SessionDescription remote, local;
    remote.media.push_back(section(kind, "0", sdp::Direction::SendRecv, rtx));
    local.media.push_back(section(kind, "0", dir, rtx));
    MediaMap map;
    map.build(remote, local);
    return map;
}

rtp::ExtensionMap extensions(bool tcc) {
    rtp::ExtensionMap ext;
    if (tcc) ext.set(rtp::ExtensionType::transportWideCc, kTccId);
    ext.set(rtp::ExtensionType::rid, kRidId);
    ext.set(rtp::ExtensionType::repairedRid, kRepairedRidId);
    return ext;
}

// A packet in a buffer with room to spare, as the PeerConnection's receive buffer has.
struct Packet {
    Bytes buffer;
    std::optional<rtp::RtpPacket> view;
    explicit Packet(const Bytes &wire) : buffer(wire) {
        size_t length = buffer.size();
        buffer.resize(1600);
        view = rtp::RtpPacket::parse(buffer.data(), length, buffer.size());
    }
    rtp::RtpPacket &operator*() { return *view; }
};

Bytes payloadFor(uint16_t seq) {
    Bytes p(100);
    for (size_t i = 0; i < p.size(); ++i) p[i] = static_cast<uint8_t>(seq + i);
    return p;
}

Bytes mediaPacket(uint32_t ssrc, uint16_t seq, uint8_t pt = 96, uint32_t clock = 90000) {
    RtpBuilder b{.pt = pt, .seq = seq, .ts = uint32_t(seq) * (clock / 100), .ssrc = ssrc};
    b.payload = payloadFor(seq);
    return b.build();
}

Bytes rtxPacket(uint32_t ssrc, uint16_t rtx_seq, uint16_t osn) {
    RtpBuilder b{.pt = 97, .seq = rtx_seq, .ts = uint32_t(osn) * 900, .ssrc = ssrc};
    b.payload = {static_cast<uint8_t>(osn >> 8), static_cast<uint8_t>(osn)};
    Bytes original = payloadFor(osn);
    b.payload.insert(b.payload.end(), original.begin(), original.end());
    return b.build();
}

// Every RTCP packet of every datagram the session sent, as (bytes) copies.
template <typename F>
void forEachRtcp(const std::vector<Bytes> &datagrams, F &&f) {
    for (const Bytes &d : datagrams) {
        EXPECT_TRUE(rtcp::CompoundReader::validate(d));
        rtcp::CompoundReader reader(d);
        rtcp::PacketView p;
        while (reader.next(p)) f(p);
    }
}

std::vector<uint16_t> nacked(const std::vector<Bytes> &datagrams, uint32_t media_ssrc) {
    std::vector<uint16_t> seqs;
    forEachRtcp(datagrams, [&](const rtcp::PacketView &p) {
        if (auto nack = rtcp::GenericNack::parse(p); nack && nack->mediaSsrc() == media_ssrc)
            nack->forEachLost([&](uint16_t s) { seqs.push_back(s); });
    });
    return seqs;
}

Bytes nackFor(uint32_t media_ssrc, std::vector<uint16_t> seqs) {
    Bytes out(200);
    size_t n = rtcp::writeGenericNack(out, kRemoteSsrc, media_ssrc, seqs);
    out.resize(n);
    return out;
}

} // namespace

// ---- NACKs we send ------------------------------------------------------------

TEST(RtpSession, LossesProduceNacksForExactlyTheMissingSeqs) {
    FakeListener out;
    RtpSession session(out);
    session.configure(oneLine(sdp::MediaKind::Video, sdp::Direction::RecvOnly), extensions(false));
    int64_t now = kStart;
    for (uint16_t seq = 100; seq <= 120; ++seq, now += 5000) {
        if (seq == 105 || seq == 110 || seq == 111) continue;
        Packet p(mediaPacket(kRemoteSsrc, seq));
        EXPECT_TRUE(session.onRtpReceived(0, *p, now));
    }
    EXPECT_TRUE(out.rtcp.empty()); // nothing before the tick
    session.tick(now);
    EXPECT_EQ(nacked(out.rtcp, kRemoteSsrc), (std::vector<uint16_t>{105, 110, 111}));
    EXPECT_EQ(session.stats(0).nacks_sent, 3u);
    EXPECT_EQ(session.remoteSsrc(0), kRemoteSsrc);

    // Not again before the (default, 100 ms) RTT, then retried, then given up.
    out.clear();
    session.tick(now + 20000);
    session.tick(now + 60000);
    EXPECT_TRUE(nacked(out.rtcp, kRemoteSsrc).empty());
    session.tick(now + 100000);
    EXPECT_EQ(nacked(out.rtcp, kRemoteSsrc), (std::vector<uint16_t>{105, 110, 111}));

    out.clear();
    int requests_for_105 = 0;
    int64_t last_request = 0;
    for (int64_t t = now + 120000; t < now + 3000000; t += 20000) {
        size_t before = out.rtcp.size();
        session.tick(t);
        std::vector<Bytes> fresh(out.rtcp.begin() + long(before), out.rtcp.end());
        auto seqs = nacked(fresh, kRemoteSsrc);
        if (std::count(seqs.begin(), seqs.end(), uint16_t(105))) {
            ++requests_for_105;
            last_request = t;
        }
    }
    EXPECT_GE(requests_for_105, 1);
    EXPECT_LE(requests_for_105, 8);
    EXPECT_LT(last_request, now + 1200000); // given up after about a second
}

TEST(RtpSession, NackRetryFollowsTheMeasuredRtt) {
    FakeListener out;
    RtpSession session(out);
    MediaMap map = oneLine(sdp::MediaKind::Video, sdp::Direction::SendRecv);
    session.configure(map, extensions(false));
    uint32_t local = map.line(0)->local_ssrc;
    int64_t now = kStart;

    // An SR of ours, echoed in the peer's RR 50 ms later after holding it 10 ms: RTT 40 ms.
    Packet sent(mediaPacket(local, 1));
    session.onRtpSent(0, *sent, now);
    session.tick(now);
    std::optional<uint32_t> sr_ntp;
    forEachRtcp(out.rtcp, [&](const rtcp::PacketView &p) {
        if (auto sr = rtcp::SenderReport::parse(p); sr && sr->ssrc() == local) sr_ntp = sr->compactNtp();
    });
    ASSERT_TRUE(sr_ntp);
    rtcp::ReportBlock block;
    block.ssrc = local;
    block.last_sr = *sr_ntp;
    block.delay_since_last_sr = rtp::usToCompactNtp(10000);
    Bytes rr(100);
    rr.resize(rtcp::writeReceiverReport(rr, kRemoteSsrc, std::span<const rtcp::ReportBlock>(&block, 1)));
    now += 50000;
    EXPECT_FALSE(session.onRtcpReceived(rr.data(), rr.size(), now)); // only a report: nothing for the plugin
    EXPECT_NEAR(session.rttUs(), 40000, 100);
    EXPECT_NEAR(session.stats(0).rtt_ms, 40.0, 0.1);

    for (uint16_t seq = 10; seq <= 20; ++seq) {
        if (seq == 15) continue;
        Packet p(mediaPacket(kRemoteSsrc, seq));
        session.onRtpReceived(0, *p, now);
    }
    out.clear();
    session.tick(now);
    EXPECT_EQ(nacked(out.rtcp, kRemoteSsrc), std::vector<uint16_t>{15});
    out.clear();
    session.tick(now + 30000);
    EXPECT_TRUE(nacked(out.rtcp, kRemoteSsrc).empty());
    session.tick(now + 60000); // > 40 ms: retried (the 100 ms default would still wait)
    EXPECT_EQ(nacked(out.rtcp, kRemoteSsrc), std::vector<uint16_t>{15});
}

TEST(RtpSession, RtxRetransmissionIsDecapsulatedAndStopsTheNack) {
    FakeListener out;
    RtpSession session(out);
    session.configure(oneLine(sdp::MediaKind::Video, sdp::Direction::RecvOnly), extensions(false));
    int64_t now = kStart;
    for (uint16_t seq = 1; seq <= 10; ++seq, now += 10000) {
        if (seq == 5) continue;
        Packet p(mediaPacket(kRemoteSsrc, seq));
        session.onRtpReceived(0, *p, now);
    }
    session.tick(now);
    EXPECT_EQ(nacked(out.rtcp, kRemoteSsrc), std::vector<uint16_t>{5});

    // A padding-only probe on the RTX stream is not for the plugin.
    RtpBuilder probe{.pt = 97, .seq = 499, .ssrc = kRemoteRtxSsrc};
    probe.padding = 200;
    Packet padding(probe.build());
    EXPECT_FALSE(session.onRtpReceived(0, *padding, now));

    Packet rtx(rtxPacket(kRemoteRtxSsrc, 500, 5));
    EXPECT_TRUE(session.onRtpReceived(0, *rtx, now + 5000));
    rtp::RtpPacket &restored = *rtx;
    EXPECT_EQ(restored.ssrc(), kRemoteSsrc);
    EXPECT_EQ(restored.sequence(), 5);
    EXPECT_EQ(restored.payloadType(), 96);
    Bytes payload(restored.payload().begin(), restored.payload().end());
    EXPECT_EQ(payload, payloadFor(5));

    // The same retransmission again is a duplicate.
    Packet again(rtxPacket(kRemoteRtxSsrc, 501, 5));
    EXPECT_FALSE(session.onRtpReceived(0, *again, now + 6000));

    out.clear();
    for (int64_t t = now + 20000; t < now + 1000000; t += 20000) session.tick(t);
    EXPECT_TRUE(nacked(out.rtcp, kRemoteSsrc).empty());
    RtpSession::LineStats st = session.stats(0);
    EXPECT_EQ(st.packets_lost, 0u);
    EXPECT_EQ(st.packets_in, 12u); // 9 media, a probe, two RTX
}

TEST(RtpSession, SimulcastRtxFindsItsLayerByRepairedRid) {
    FakeListener out;
    RtpSession session(out);
    session.configure(oneLine(sdp::MediaKind::Video, sdp::Direction::RecvOnly), extensions(false));
    const uint32_t low = 0x1001, high = 0x1002;
    for (uint16_t seq = 1; seq <= 5; ++seq) {
        for (auto [ssrc, rid] : {std::pair{low, 'l'}, std::pair{high, 'h'}}) {
            RtpBuilder b{.pt = 96, .seq = seq, .ssrc = ssrc};
            b.oneByte({{kRidId, {uint8_t(rid)}}});
            b.payload = payloadFor(seq);
            Packet p(b.build());
            session.onRtpReceived(0, *p, kStart + seq * 1000);
        }
    }
    RtpBuilder b{.pt = 97, .seq = 77, .ssrc = 0x2002};
    b.oneByte({{kRepairedRidId, {'h'}}});
    b.payload = {0, 3};
    Packet p(b.build());
    EXPECT_FALSE(session.onRtpReceived(0, *p, kStart + 9000)); // seq 3 of "h" was not missing
    EXPECT_EQ((*p).ssrc(), high);
    EXPECT_EQ((*p).sequence(), 3);

    // Without a repaired-rid, an unknown RTX SSRC cannot be told apart between two layers.
    RtpBuilder c{.pt = 97, .seq = 1, .ssrc = 0x2003};
    c.payload = {0, 3};
    Packet q(c.build());
    EXPECT_FALSE(session.onRtpReceived(0, *q, kStart + 9000));
    EXPECT_EQ((*q).ssrc(), 0x2003u);
}

// ---- NACKs the peer sends -------------------------------------------------------

TEST(RtpSession, IncomingNackIsAnsweredWithRtx) {
    FakeListener out;
    RtpSession session(out);
    MediaMap map = oneLine(sdp::MediaKind::Video, sdp::Direction::SendOnly);
    session.configure(map, extensions(false));
    const MediaLine &line = *map.line(0);
    ASSERT_NE(line.local_rtx_ssrc, 0u);
    ASSERT_EQ(line.rtx_payload_type, 97);
    int64_t now = kStart;
    for (uint16_t seq = 200; seq < 210; ++seq, now += 10000) {
        Packet p(mediaPacket(line.local_ssrc, seq));
        session.onRtpSent(0, *p, now);
    }

    Bytes nack = nackFor(line.local_ssrc, {202, 205});
    EXPECT_FALSE(session.onRtcpReceived(nack.data(), nack.size(), now));
    ASSERT_EQ(out.rtp.size(), 2u);
    std::optional<uint16_t> first_rtx_seq;
    for (size_t i = 0; i < 2; ++i) {
        uint16_t osn = i == 0 ? 202 : 205;
        auto p = rtp::RtpPacket::parse(out.rtp[i].data(), out.rtp[i].size());
        ASSERT_TRUE(p);
        EXPECT_EQ(p->ssrc(), line.local_rtx_ssrc);
        EXPECT_EQ(p->payloadType(), 97);
        ASSERT_GE(p->payloadSize(), 2u);
        EXPECT_EQ(rtp::read16(p->payload().data()), osn);
        Bytes rest(p->payload().begin() + 2, p->payload().end());
        EXPECT_EQ(rest, payloadFor(osn));
        if (!first_rtx_seq) first_rtx_seq = p->sequence();
        else EXPECT_EQ(p->sequence(), uint16_t(*first_rtx_seq + 1)); // the RTX stream's own sequence
    }

    // Asked again at once: rate-limited; after the resend interval: sent again.
    out.clear();
    session.onRtcpReceived(nack.data(), nack.size(), now + 1000);
    EXPECT_TRUE(out.rtp.empty());
    session.onRtcpReceived(nack.data(), nack.size(), now + RtpSession::kDefaultResendIntervalUs + 1000);
    EXPECT_EQ(out.rtp.size(), 2u);
    // Not held (never sent, or too old): nothing.
    out.clear();
    Bytes unknown = nackFor(line.local_ssrc, {150});
    session.onRtcpReceived(unknown.data(), unknown.size(), now + 100000);
    EXPECT_TRUE(out.rtp.empty());
    Bytes late = nackFor(line.local_ssrc, {208});
    session.onRtcpReceived(late.data(), late.size(), now + 2000000);
    EXPECT_TRUE(out.rtp.empty());

    RtpSession::LineStats st = session.stats(0);
    EXPECT_EQ(st.nacks_received, 8u); // 2 + 2 + 2 + 1 + 1
    EXPECT_EQ(st.retransmitted, 4u);
    EXPECT_EQ(st.packets_out, 10u);
}

TEST(RtpSession, IncomingNackWithoutRtxResendsTheOriginal) {
    FakeListener out;
    RtpSession session(out);
    MediaMap map = oneLine(sdp::MediaKind::Video, sdp::Direction::SendOnly, false);
    session.configure(map, extensions(false));
    uint32_t local = map.line(0)->local_ssrc;
    ASSERT_EQ(map.line(0)->local_rtx_ssrc, 0u);
    Bytes original = mediaPacket(local, 42);
    Packet p(original);
    session.onRtpSent(0, *p, kStart);
    Bytes nack = nackFor(local, {42});
    session.onRtcpReceived(nack.data(), nack.size(), kStart + 30000);
    ASSERT_EQ(out.rtp.size(), 1u);
    EXPECT_EQ(out.rtp[0], original);
}

TEST(RtpSession, PliAndFirAreForThePluginAndCounted) {
    FakeListener out;
    RtpSession session(out);
    MediaMap map = oneLine(sdp::MediaKind::Video, sdp::Direction::SendOnly);
    session.configure(map, extensions(false));
    uint32_t local = map.line(0)->local_ssrc;
    Bytes buf(200);
    rtcp::CompoundBuilder b(buf);
    b.add(rtcp::writeReceiverReport, kRemoteSsrc, std::span<const rtcp::ReportBlock>{});
    b.add(rtcp::writePli, kRemoteSsrc, local);
    EXPECT_TRUE(session.onRtcpReceived(b.bytes().data(), b.size(), kStart));
    EXPECT_EQ(session.stats(0).plis_received, 1u);
    EXPECT_EQ(session.stats(0).firs_received, 0u);
}

// ---- reports ------------------------------------------------------------------------

TEST(RtpSession, ReceiverReportsOncePerSecondShowTheLoss) {
    FakeListener out;
    RtpSession session(out);
    session.configure(oneLine(sdp::MediaKind::Audio, sdp::Direction::RecvOnly), extensions(false), "me@portunus");
    std::vector<int64_t> report_times;
    std::vector<rtcp::ReportBlock> blocks;
    std::vector<std::string> cnames;
    uint16_t seq = 1000;
    uint64_t dropped = 0;
    int64_t now = kStart;
    for (int tick = 0; tick < 200; ++tick) { // 4 s: a tick every 20 ms, a packet every 10 ms
        for (int k = 0; k < 2; ++k, ++seq, now += 10000) {
            if (seq % 10 == 3) { // 10 % loss
                ++dropped;
                continue;
            }
            Packet p(mediaPacket(kRemoteSsrc, seq, 111, 48000));
            session.onRtpReceived(0, *p, now);
        }
        out.clear();
        session.tick(now);
        forEachRtcp(out.rtcp, [&](const rtcp::PacketView &p) {
            if (auto rr = rtcp::ReceiverReport::parse(p)) {
                report_times.push_back(now);
                ASSERT_EQ(rr->reportCount(), 1u);
                blocks.push_back(rr->reportBlock(0));
            }
            if (auto sdes = rtcp::Sdes::parse(p))
                sdes->forEachItem([&](uint32_t, uint8_t type, std::string_view text) {
                    if (type == rtcp::kSdesCname) cnames.emplace_back(text);
                });
            EXPECT_NE(p.type, rtcp::kSenderReport); // we send nothing
            EXPECT_NE(p.type, rtcp::kRtpFeedback);  // no NACKs on audio
        });
    }
    ASSERT_GE(report_times.size(), 4u);
    ASSERT_LE(report_times.size(), 5u);
    EXPECT_EQ(cnames.size(), report_times.size());
    EXPECT_EQ(cnames.front(), "me@portunus");
    for (size_t i = 1; i < report_times.size(); ++i) EXPECT_EQ(report_times[i] - report_times[i - 1], 1000000);
    for (size_t i = 1; i < blocks.size(); ++i) { // the first one covers only the first packets
        const rtcp::ReportBlock &b = blocks[i];
        EXPECT_EQ(b.ssrc, kRemoteSsrc);
        EXPECT_NEAR(b.fraction_lost, 26, 3) << "report " << i; // 10 % of 256
        EXPECT_EQ(b.last_sr, 0u);
    }
    const rtcp::ReportBlock &last = blocks.back();
    uint32_t expected = last.extended_highest_seq - 1000 + 1;
    EXPECT_NEAR(double(last.cumulative_lost), expected / 10.0, 2);
    RtpSession::LineStats st = session.stats(0);
    EXPECT_NEAR(st.fraction_lost, 0.1, 0.015);
    EXPECT_EQ(st.packets_lost, dropped);
}

TEST(RtpSession, SenderReportCarriesOurCountsAndTheBlocksAboutThePeer) {
    FakeListener out;
    RtpSession session(out);
    MediaMap map = oneLine(sdp::MediaKind::Video, sdp::Direction::SendRecv);
    session.configure(map, extensions(false));
    uint32_t local = map.line(0)->local_ssrc;
    int64_t now = kStart;
    for (uint16_t seq = 1; seq <= 50; ++seq, now += 10000) {
        Packet sent(mediaPacket(local, seq));
        session.onRtpSent(0, *sent, now);
        Packet got(mediaPacket(kRemoteSsrc, seq));
        session.onRtpReceived(0, *got, now);
    }
    // The peer's SR: our next report echoes it (LSR) with the time we held it (DLSR).
    rtcp::SenderInfo info{kRemoteSsrc, 0x12345678, 0x9ABC0000, 4500, 50, 5000};
    Bytes sr(100);
    sr.resize(rtcp::writeSenderReport(sr, info, {}));
    EXPECT_FALSE(session.onRtcpReceived(sr.data(), sr.size(), now - 250000));

    session.tick(now);
    int srs = 0;
    forEachRtcp(out.rtcp, [&](const rtcp::PacketView &p) {
        auto parsed = rtcp::SenderReport::parse(p);
        if (!parsed) return;
        ++srs;
        EXPECT_EQ(parsed->ssrc(), local);
        EXPECT_EQ(parsed->info().packet_count, 50u);
        EXPECT_EQ(parsed->info().octet_count, 50u * 100);
        // 10 ms after the last packet (timestamp 49 * 900... as built: seq * 900).
        EXPECT_EQ(parsed->info().rtp_timestamp, 50u * 900 + 900);
        ASSERT_EQ(parsed->reportCount(), 1u);
        rtcp::ReportBlock b = parsed->reportBlock(0);
        EXPECT_EQ(b.ssrc, kRemoteSsrc);
        EXPECT_EQ(b.fraction_lost, 0);
        EXPECT_EQ(b.extended_highest_seq, 50u);
        EXPECT_EQ(b.last_sr, 0x56789ABCu);
        EXPECT_NEAR(double(rtp::compactNtpToUs(b.delay_since_last_sr)), 250000, 100);
    });
    EXPECT_EQ(srs, 1);
}

TEST(RtpSession, RembGoesOutWhenSet) {
    FakeListener out;
    RtpSession session(out);
    session.configure(oneLine(sdp::MediaKind::Video, sdp::Direction::RecvOnly), extensions(false));
    Packet p(mediaPacket(kRemoteSsrc, 1));
    session.onRtpReceived(0, *p, kStart);
    session.tick(kStart); // the first report
    out.clear();
    session.setRembBitrate(300000);
    session.tick(kStart + 20000);
    std::optional<uint64_t> bitrate;
    forEachRtcp(out.rtcp, [&](const rtcp::PacketView &v) {
        if (auto remb = rtcp::Remb::parse(v)) {
            bitrate = remb->bitrate();
            EXPECT_EQ(remb->ssrc(0), kRemoteSsrc);
        }
    });
    ASSERT_TRUE(bitrate);
    EXPECT_NEAR(double(*bitrate), 300000, 300000 / 1000.0);
    out.clear();
    session.tick(kStart + 40000); // not again until the next report
    EXPECT_TRUE(out.rtcp.empty());
}

// ---- transport-cc ----------------------------------------------------------------------

TEST(RtpSession, TransportFeedbackReportsTheArrivals) {
    FakeListener out;
    RtpSession session(out);
    session.configure(oneLine(sdp::MediaKind::Video, sdp::Direction::RecvOnly), extensions(true));
    std::vector<std::pair<uint16_t, int64_t>> arrivals; // transport seq, arrival
    int64_t now = kStart + 500; // not on a 64 ms boundary
    for (uint16_t i = 0; i < 20; ++i) {
        now += (i % 3 == 0 ? 7500 : 1250); // multiples of the 250 µs tick
        uint16_t tseq = static_cast<uint16_t>(3000 + i);
        if (i == 7) continue; // lost on the way
        RtpBuilder b{.pt = 96, .seq = uint16_t(10 + i), .ssrc = kRemoteSsrc};
        b.oneByte({{kTccId, {uint8_t(tseq >> 8), uint8_t(tseq)}}});
        b.payload = payloadFor(i);
        Packet p(b.build());
        session.onRtpReceived(0, *p, now);
        arrivals.emplace_back(tseq, now);
    }
    session.tick(now);
    std::vector<std::pair<uint16_t, int64_t>> reported;
    std::set<uint16_t> not_received;
    forEachRtcp(out.rtcp, [&](const rtcp::PacketView &v) {
        auto fb = rtcp::TransportFeedback::parse(v);
        if (!fb) return;
        EXPECT_EQ(fb->mediaSsrc(), kRemoteSsrc);
        int64_t t = fb->referenceTimeUs();
        auto r = fb->reader();
        rtcp::TccPacketStatus s;
        while (r.next(s)) {
            if (!s.received) {
                not_received.insert(s.seq);
                continue;
            }
            t += s.delta * rtcp::kTccDeltaTickUs;
            reported.emplace_back(s.seq, t);
        }
    });
    ASSERT_EQ(reported.size(), arrivals.size());
    // Times come back relative to a 24-bit reference clock: compare the differences.
    for (size_t i = 0; i < arrivals.size(); ++i) {
        EXPECT_EQ(reported[i].first, arrivals[i].first);
        EXPECT_EQ(reported[i].second - reported[0].second, arrivals[i].second - arrivals[0].second);
    }
    EXPECT_EQ(not_received, std::set<uint16_t>{3007});

    // Nothing new: no feedback. A new packet: feedback again once 50 ms have passed.
    auto tccCount = [&] {
        size_t n = 0;
        forEachRtcp(out.rtcp, [&](const rtcp::PacketView &v) { n += rtcp::TransportFeedback::parse(v).has_value(); });
        return n;
    };
    out.clear();
    session.tick(now + 60000);
    EXPECT_EQ(tccCount(), 0u);
    auto receive = [&](uint16_t tseq, int64_t at) {
        RtpBuilder b{.pt = 96, .seq = uint16_t(tseq - 2990), .ssrc = kRemoteSsrc};
        b.oneByte({{kTccId, {uint8_t(tseq >> 8), uint8_t(tseq)}}});
        Packet p(b.build());
        session.onRtpReceived(0, *p, at);
    };
    receive(3020, now + 70000);
    session.tick(now + 70000);
    EXPECT_EQ(tccCount(), 1u);
    receive(3021, now + 80000);
    session.tick(now + 100000); // 30 ms after the last feedback
    EXPECT_EQ(tccCount(), 1u);
    session.tick(now + 120000);
    EXPECT_EQ(tccCount(), 2u);
}

TEST(RtpSession, NoTransportFeedbackWithoutTheExtension) {
    FakeListener out;
    RtpSession session(out);
    session.configure(oneLine(sdp::MediaKind::Video, sdp::Direction::RecvOnly), extensions(false));
    RtpBuilder b{.pt = 96, .seq = 1, .ssrc = kRemoteSsrc};
    b.oneByte({{kTccId, {0, 1}}});
    Packet p(b.build());
    session.onRtpReceived(0, *p, kStart);
    session.tick(kStart + 100000);
    forEachRtcp(out.rtcp, [&](const rtcp::PacketView &v) { EXPECT_FALSE(rtcp::TransportFeedback::parse(v)); });
}

// ---- allocations ------------------------------------------------------------------------

namespace {
struct CountingListener : RtpSessionListener {
    size_t rtp = 0, rtcp = 0;
    void onRtpSessionSendRtp(uint8_t *, size_t) override { ++rtp; }
    void onRtpSessionSendRtcp(uint8_t *, size_t) override { ++rtcp; }
};
} // namespace

TEST(RtpSession, PerPacketPathAllocatesNothing) {
    CountingListener out;
    RtpSession session(out);
    MediaMap map = oneLine(sdp::MediaKind::Video, sdp::Direction::SendRecv);
    session.configure(map, extensions(true));
    uint32_t local = map.line(0)->local_ssrc;

    // Wire images prepared before counting; the loop only copies bytes.
    RtpBuilder media{.pt = 96, .ssrc = kRemoteSsrc};
    media.oneByte({{kTccId, {0, 0}}});
    media.payload.assign(1000, 0xAB);
    const Bytes media_wire = media.build();
    RtpBuilder sent{.pt = 96, .ssrc = local};
    sent.payload.assign(1000, 0xCD);
    const Bytes sent_wire = sent.build();
    const Bytes rtx_wire = rtxPacket(kRemoteRtxSsrc, 0, 0);
    Bytes buffer(1600), nack(64), rr(64);

    uint64_t forwarded = 0;
    auto run = [&](int from, int to) {
        for (int i = from; i < to; ++i) {
            int64_t now = kStart + int64_t(i) * 5000;
            uint16_t seq = static_cast<uint16_t>(i);
            if (i % 50 != 7) { // some loss, for NACKs
                std::copy(media_wire.begin(), media_wire.end(), buffer.begin());
                auto p = rtp::RtpPacket::parse(buffer.data(), media_wire.size(), buffer.size());
                p->setSequence(seq);
                p->setTimestamp(uint32_t(i) * 450);
                uint8_t tseq[2] = {uint8_t(seq >> 8), uint8_t(seq)};
                p->setExtension(kTccId, tseq);
                forwarded += session.onRtpReceived(0, *p, now);
            } else if (i % 100 == 7) { // half the losses come back as RTX a bit later
                std::copy(rtx_wire.begin(), rtx_wire.end(), buffer.begin());
                auto p = rtp::RtpPacket::parse(buffer.data(), rtx_wire.size(), buffer.size());
                p->setSequence(static_cast<uint16_t>(i / 100));
                rtp::write16(p->payload().data(), seq);
                forwarded += session.onRtpReceived(0, *p, now + 1000);
            }
            std::copy(sent_wire.begin(), sent_wire.end(), buffer.begin());
            auto s = rtp::RtpPacket::parse(buffer.data(), sent_wire.size(), buffer.size());
            s->setSequence(seq);
            s->setTimestamp(uint32_t(i) * 450);
            session.onRtpSent(0, *s, now);
            if (i % 20 == 0) { // the peer asks for two packets and reports
                uint16_t lost[2] = {uint16_t(seq - 3), uint16_t(seq - 5)};
                size_t n = rtcp::writeGenericNack(nack, kRemoteSsrc, local, lost);
                session.onRtcpReceived(nack.data(), n, now);
                rtcp::ReportBlock block;
                block.ssrc = local;
                size_t m = rtcp::writeReceiverReport(rr, kRemoteSsrc, std::span<const rtcp::ReportBlock>(&block, 1));
                session.onRtcpReceived(rr.data(), m, now);
            }
            if (i % 4 == 0) session.tick(now);
        }
    };

    run(0, 1000); // warm-up
    size_t rtp_before = out.rtp, rtcp_before = out.rtcp;
    size_t allocations = 0;
    {
        test::AllocationCounter counter;
        run(1000, 11000);
        allocations = counter.count();
    }
    EXPECT_EQ(allocations, 0u);
    EXPECT_GT(forwarded, 9000u);
    EXPECT_GT(out.rtp - rtp_before, 500u);    // retransmissions answered
    EXPECT_GT(out.rtcp - rtcp_before, 1000u); // NACKs, transport-cc, reports
    EXPECT_GT(session.stats(0).nacks_sent, 0u);
}
