#include "session/rtp_session.hpp"

#include "rtp/rtcp/compound.hpp"
#include "rtp/rtcp/fir.hpp"
#include "rtp/rtcp/generic_nack.hpp"
#include "rtp/rtcp/pli.hpp"
#include "rtp/rtcp/receiver_report.hpp"
#include "rtp/rtcp/remb.hpp"
#include "rtp/rtcp/sdes.hpp"
#include "rtp/rtcp/sender_report.hpp"
#include "rtp/rtx.hpp"
#include "session/media_map.hpp"

#include <algorithm>
#include <chrono>

namespace portunus {

namespace rtcp = rtp::rtcp;

namespace {
int64_t clockUs(auto now) {
    return std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count();
}
} // namespace

RtpSession::RtpSession(RtpSessionListener &listener)
    : listener_(listener),
      wall_offset_us_(clockUs(std::chrono::system_clock::now()) - clockUs(std::chrono::steady_clock::now())) {}

RtpSession::~RtpSession() = default;

// ---- configuration ---------------------------------------------------------

void RtpSession::configure(const MediaMap &map, const rtp::ExtensionMap &extensions, std::string_view cname) {
    tcc_id_ = extensions.id(rtp::ExtensionType::transportWideCc);
    rid_id_ = extensions.id(rtp::ExtensionType::rid);
    repaired_rid_id_ = extensions.id(rtp::ExtensionType::repairedRid);
    if (tcc_id_ && !tcc_) tcc_ = std::make_unique<rtcp::TransportFeedbackBuilder>();
    cname_.assign(cname.substr(0, 255));

    std::vector<Line> old = std::move(lines_);
    lines_.clear();
    lines_.reserve(map.lines().size());
    reporter_ssrc_ = 0;
    for (const MediaLine &ml : map.lines()) {
        Line l;
        bool media = !ml.rejected && !ml.data;
        l.mid = ml.mid;
        l.video = ml.video;
        l.receive = media && ml.receive;
        l.send = media && ml.send && ml.local_ssrc != 0;
        l.clock_rate = ml.clock_rate ? ml.clock_rate : (ml.video ? 90000 : 48000);
        l.remote_rtx_payload_type = ml.video ? ml.remote_rtx_payload_type : -1;
        l.rids = ml.rids;
        l.sim_ssrcs = ml.sim_ssrcs;
        l.send_config = RtpSendStream::Config{ml.local_ssrc, ml.rtx_payload_type >= 0 ? ml.local_rtx_ssrc : 0,
                                              ml.rtx_payload_type, l.clock_rate, ml.video};

        Line *prev = ml.index < old.size() ? &old[ml.index] : nullptr;
        bool same_kind = prev && prev->mid == l.mid && prev->video == l.video && prev->clock_rate == l.clock_rate;
        if (l.receive) {
            if (same_kind && prev->receive && prev->remote_rtx_payload_type == l.remote_rtx_payload_type) {
                l.streams = std::move(prev->streams);
                l.packets_in = prev->packets_in;
                l.bytes_in = prev->bytes_in;
                l.nacks_sent = prev->nacks_sent;
            } else {
                size_t count = l.video ? kMaxStreamsPerLine : 1;
                l.streams.reserve(count);
                for (size_t i = 0; i < count; ++i) l.streams.emplace_back(l.video);
            }
        }
        if (l.send) {
            const RtpSendStream::Config &a = l.send_config;
            const RtpSendStream::Config *b = same_kind && prev->sender ? &prev->send_config : nullptr;
            if (b && a.ssrc == b->ssrc && a.rtx_ssrc == b->rtx_ssrc && a.rtx_payload_type == b->rtx_payload_type) {
                l.sender = std::move(prev->sender);
                l.plis_received = prev->plis_received;
                l.firs_received = prev->firs_received;
            } else {
                l.sender = std::make_unique<RtpSendStream>(a);
            }
            if (!reporter_ssrc_) reporter_ssrc_ = ml.local_ssrc;
        }
        lines_.push_back(std::move(l));
    }
    if (!reporter_ssrc_) reporter_ssrc_ = 1;
}

void RtpSession::setRembBitrate(uint32_t bps) {
    if (bps != remb_bps_) remb_changed_ = bps != 0;
    remb_bps_ = bps;
}

// ---- RTP ---------------------------------------------------------------------

bool RtpSession::onRtpReceived(int index, rtp::RtpPacket &packet, int64_t now_us, int8_t *substream) {
    if (substream) *substream = -1;
    Line *line = lineAt(index);
    if (!line) return true;
    ++line->packets_in;
    line->bytes_in += packet.size();
    if (tcc_id_)
        if (auto seq = rtp::readTransportSeq(packet.extension(tcc_id_))) tcc_->onPacket(*seq, now_us);
    if (!line->receive) return true;

    if (line->remote_rtx_payload_type >= 0 && packet.payloadType() == line->remote_rtx_payload_type) {
        RtpReceiveStream *stream = rtxStream(*line, packet);
        if (!stream) return false;
        if (packet.payloadSize() < 2) { // padding only: a bandwidth probe
            stream->onRtxPadding(now_us);
            return false;
        }
        if (!rtp::decapsulateRtx(packet, stream->payloadType(), stream->ssrc())) return false;
        if (substream) *substream = stream->substream();
        return stream->onPacket(packet, true, now_us);
    }
    if (RtpReceiveStream *stream = mediaStream(*line, packet, now_us)) {
        stream->onPacket(packet, false, now_us);
        if (substream) *substream = stream->substream();
    }
    return true;
}

void RtpSession::onRtpSent(int index, const rtp::RtpPacket &packet, int64_t now_us) {
    Line *line = lineAt(index);
    if (line && line->sender) line->sender->onPacketSent(packet, now_us);
}

RtpReceiveStream *RtpSession::mediaStream(Line &line, const rtp::RtpPacket &packet, int64_t now_us) {
    uint32_t ssrc = packet.ssrc();
    RtpReceiveStream *stream = nullptr;
    for (RtpReceiveStream &s : line.streams)
        if (s.active() && s.ssrc() == ssrc) {
            stream = &s;
            break;
        }
    if (!stream) {
        // A new SSRC: a free slot, else the one that has been quiet the longest.
        for (RtpReceiveStream &s : line.streams) {
            if (!s.active()) {
                stream = &s;
                break;
            }
            if (!stream || s.lastPacketUs() < stream->lastPacketUs()) stream = &s;
        }
        if (!stream) return nullptr;
        stream->start(ssrc, line.clock_rate, packet.payloadType(), now_us);
        learnSubstream(line, *stream);
    }
    // Senders put the rid on the first packets only; learn it when it shows.
    if (rid_id_ && stream->rid().size == 0)
        if (auto rid = rtp::readSdesId(packet.extension(rid_id_))) {
            stream->setRid(*rid);
            learnSubstream(line, *stream);
        }
    return stream;
}

void RtpSession::learnSubstream(const Line &line, RtpReceiveStream &stream) {
    for (size_t i = 0; i < line.sim_ssrcs.size(); ++i)
        if (line.sim_ssrcs[i] == stream.ssrc()) stream.setSubstream(static_cast<int8_t>(i));
    for (size_t i = 0; i < line.rids.size(); ++i)
        if (stream.rid().size && line.rids[i] == stream.rid().view()) stream.setSubstream(static_cast<int8_t>(i));
}

RtpReceiveStream *RtpSession::rtxStream(Line &line, const rtp::RtpPacket &packet) {
    uint32_t ssrc = packet.ssrc();
    RtpReceiveStream *only = nullptr;
    size_t active = 0;
    for (RtpReceiveStream &s : line.streams) {
        if (!s.active()) continue;
        if (s.rtxSsrc() == ssrc) return &s;
        only = &s;
        ++active;
    }
    // Simulcast: the repaired-rid names the layer it repairs.
    if (repaired_rid_id_)
        if (auto rid = rtp::readSdesId(packet.extension(repaired_rid_id_)))
            for (RtpReceiveStream &s : line.streams)
                if (s.active() && s.rid().view() == rid->view()) {
                    s.setRtxSsrc(ssrc);
                    return &s;
                }
    if (active != 1) return nullptr;
    only->setRtxSsrc(ssrc);
    return only;
}

// ---- RTCP in -----------------------------------------------------------------

bool RtpSession::onRtcpReceived(const uint8_t *data, size_t length, int64_t now_us) {
    bool for_plugin = false;
    rtcp::CompoundReader reader({data, length});
    rtcp::PacketView p;
    while (reader.next(p)) {
        switch (p.type) {
        case rtcp::kSenderReport:
            if (auto sr = rtcp::SenderReport::parse(p)) {
                if (RtpReceiveStream *s = receiveStream(sr->ssrc())) s->onSenderReport(sr->compactNtp(), now_us);
                for (size_t i = 0; i < sr->reportCount(); ++i) onReportBlock(sr->reportBlock(i), now_us);
            }
            break;
        case rtcp::kReceiverReport:
            if (auto rr = rtcp::ReceiverReport::parse(p))
                for (size_t i = 0; i < rr->reportCount(); ++i) onReportBlock(rr->reportBlock(i), now_us);
            break;
        case rtcp::kSdes:
            break;
        case rtcp::kRtpFeedback:
            if (p.count == rtcp::kFmtGenericNack) {
                if (auto nack = rtcp::GenericNack::parse(p)) onNack(*nack, now_us);
            } else if (p.count != rtcp::kFmtTransportFeedback) { // transport-cc: ours (send-side BWE)
                for_plugin = true;
            }
            break;
        case rtcp::kPayloadFeedback:
            if (p.count == rtcp::kFmtPli) {
                Line *line = nullptr;
                if (auto pli = rtcp::Pli::parse(p); pli && sendStream(pli->mediaSsrc(), &line)) ++line->plis_received;
            } else if (p.count == rtcp::kFmtFir) {
                if (auto fir = rtcp::Fir::parse(p))
                    for (size_t i = 0; i < fir->entryCount(); ++i) {
                        Line *line = nullptr;
                        if (sendStream(fir->entry(i).ssrc, &line)) ++line->firs_received;
                    }
            }
            for_plugin = true;
            break;
        default: // BYE, APP, XR, ...
            for_plugin = true;
            break;
        }
    }
    return for_plugin;
}

void RtpSession::onNack(const rtcp::GenericNack &nack, int64_t now_us) {
    RtpSendStream *stream = sendStream(nack.mediaSsrc());
    if (!stream) return;
    int64_t rtt = stream->rttUs() ? stream->rttUs() : rtt_us_;
    int64_t min_interval = rtt > 0 ? std::max<int64_t>(rtt, 5000) : kDefaultResendIntervalUs;
    std::span<uint8_t> out(rtp_out_.data(), rtp_out_.size() - kSendRoom);
    nack.forEachLost([&](uint16_t seq) {
        stream->countNack();
        if (size_t n = stream->retransmit(seq, now_us, min_interval, out)) listener_.onRtpSessionSendRtp(out.data(), n);
    });
}

void RtpSession::onReportBlock(const rtcp::ReportBlock &block, int64_t now_us) {
    RtpSendStream *stream = sendStream(block.ssrc);
    if (!stream) return;
    auto rtt = rtp::rttUs(rtp::compactNtp(ntpAt(now_us)), block.last_sr, block.delay_since_last_sr);
    stream->onReportBlock(block, rtt);
    if (rtt) rtt_us_ = stream->rttUs();
}

RtpReceiveStream *RtpSession::receiveStream(uint32_t ssrc) {
    for (Line &l : lines_)
        for (RtpReceiveStream &s : l.streams)
            if (s.active() && s.ssrc() == ssrc) return &s;
    return nullptr;
}

RtpSendStream *RtpSession::sendStream(uint32_t ssrc, Line **line) {
    for (Line &l : lines_)
        if (l.sender && l.sender->ssrc() == ssrc) {
            if (line) *line = &l;
            return l.sender.get();
        }
    return nullptr;
}

uint32_t RtpSession::remoteSsrc(int index) const {
    if (const Line *line = lineAt(index))
        for (const RtpReceiveStream &s : line->streams)
            if (s.active()) return s.ssrc();
    return 0;
}

size_t RtpSession::remoteSsrcs(int index, std::span<uint32_t> out) const {
    size_t n = 0;
    if (const Line *line = lineAt(index))
        for (const RtpReceiveStream &s : line->streams)
            if (s.active() && n < out.size()) out[n++] = s.ssrc();
    return n;
}

uint32_t RtpSession::anyRemoteSsrc() const {
    for (size_t i = 0; i < lines_.size(); ++i)
        if (uint32_t ssrc = remoteSsrc(int(i))) return ssrc;
    return 0;
}

// ---- RTCP out ----------------------------------------------------------------

void RtpSession::tick(int64_t now_us) {
    bool remb_due = remb_changed_;
    if (now_us >= next_report_us_) {
        writeReports(now_us);
        if (rtcp_used_ > 0) {
            next_report_us_ = now_us + kReportIntervalUs;
            remb_due = true;
        }
    }
    if (remb_due && remb_bps_) writeRemb();
    writeNacks(now_us);
    if (tcc_ && tcc_->hasPending() && now_us - last_tcc_us_ >= kTransportFeedbackIntervalUs) {
        writeTransportFeedback();
        last_tcc_us_ = now_us;
    }
    flushRtcp();
}

void RtpSession::writeReports(int64_t now_us) {
    std::array<rtcp::ReportBlock, rtcp::ReportBlock::kMaxPerPacket> blocks;
    size_t count = 0;
    for (Line &l : lines_)
        for (RtpReceiveStream &s : l.streams)
            if (s.reportable() && count < blocks.size()) blocks[count++] = s.reportBlock(now_us);
    std::span<const rtcp::ReportBlock> all(blocks.data(), count);

    rtp::NtpTime ntp = ntpAt(now_us);
    uint32_t first_ssrc = 0;
    for (Line &l : lines_) {
        if (!l.sender || !l.sender->hasSent()) continue;
        rtcp::SenderInfo info = l.sender->senderInfo(ntp.seconds, ntp.fraction, now_us);
        // The report blocks ride on the first SR.
        if (!emitRtcp(rtcp::writeSenderReport, info, first_ssrc ? std::span<const rtcp::ReportBlock>{} : all)) continue;
        if (!first_ssrc) first_ssrc = info.ssrc;
    }
    if (!first_ssrc) {
        if (count == 0) return; // nothing sent, nothing received: nothing to report
        if (!emitRtcp(rtcp::writeReceiverReport, reporter_ssrc_, all)) return;
        first_ssrc = reporter_ssrc_;
    }
    emitRtcp(rtcp::writeSdesCname, first_ssrc, std::string_view(cname_));
}

void RtpSession::writeRemb() {
    std::array<uint32_t, 32> ssrcs;
    size_t count = 0;
    for (const Line &l : lines_)
        for (const RtpReceiveStream &s : l.streams)
            if (s.active() && count < ssrcs.size()) ssrcs[count++] = s.ssrc();
    if (count == 0) return; // nothing to cap yet; keep remb_changed_ for later
    if (emitRtcp(rtcp::writeRemb, reporter_ssrc_, uint64_t(remb_bps_), std::span<const uint32_t>(ssrcs.data(), count)))
        remb_changed_ = false;
}

void RtpSession::writeNacks(int64_t now_us) {
    std::array<uint16_t, kMaxNacksPerStream> seqs;
    for (Line &l : lines_)
        for (RtpReceiveStream &s : l.streams) {
            if (!s.hasMissing()) continue;
            size_t n = s.collectNacks(now_us, rtt_us_, seqs);
            if (n == 0) continue;
            l.nacks_sent += n;
            emitRtcp(rtcp::writeGenericNack, reporter_ssrc_, s.ssrc(), std::span<const uint16_t>(seqs.data(), n));
        }
}

void RtpSession::writeTransportFeedback() {
    constexpr size_t kRoomWanted = 256; // rather start a new datagram than send a sliver
    uint32_t media_ssrc = anyRemoteSsrc();
    while (tcc_->hasPending()) {
        if (rtcp_used_ > 0 && kMaxRtcpSize - rtcp_used_ < kRoomWanted) flushRtcp();
        size_t n = tcc_->write(rtcpSpace(), reporter_ssrc_, media_ssrc);
        if (n == 0) {
            if (rtcp_used_ == 0) break;
            flushRtcp();
            continue;
        }
        rtcp_used_ += n;
    }
}

void RtpSession::flushRtcp() {
    if (rtcp_used_ == 0) return;
    size_t n = rtcp_used_;
    rtcp_used_ = 0;
    listener_.onRtpSessionSendRtcp(rtcp_out_.data(), n);
}

// ---- stats -------------------------------------------------------------------

RtpSession::LineStats RtpSession::stats(int index) const {
    LineStats st;
    const Line *line = lineAt(index);
    if (!line) return st;
    st.packets_in = line->packets_in;
    st.bytes_in = line->bytes_in;
    st.nacks_sent = line->nacks_sent;
    st.plis_received = line->plis_received;
    st.firs_received = line->firs_received;
    for (const RtpReceiveStream &s : line->streams) {
        if (!s.active()) continue;
        int64_t lost = s.stats().lost();
        if (lost > 0) st.packets_lost += uint64_t(lost);
        st.jitter_ms = std::max(st.jitter_ms, s.stats().jitterUs() / 1000.0);
        st.fraction_lost = std::max(st.fraction_lost, s.lastFractionLost() / 256.0);
    }
    st.rtt_ms = rtt_us_ / 1000.0;
    if (const RtpSendStream *s = line->sender.get()) {
        st.packets_out = s->packets();
        st.bytes_out = s->bytes();
        st.nacks_received = s->nacksReceived();
        st.retransmitted = s->retransmitted();
        if (s->rttUs()) st.rtt_ms = s->rttUs() / 1000.0;
        st.remote_fraction_lost = s->remoteFractionLost() / 256.0;
        st.remote_jitter_ms = s->clockRate() ? s->remoteJitter() * 1000.0 / s->clockRate() : 0;
        st.remote_packets_lost = s->remoteCumulativeLost();
    }
    return st;
}

} // namespace portunus
