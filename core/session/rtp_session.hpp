// The RTP/RTCP engine of one PeerConnection, on its loop: receive statistics,
// NACKs (video) and transport-wide-cc feedback for what the peer sends us,
// RTX decapsulation, answering the peer's NACKs from what we sent (as RTX when
// negotiated), SR/RR/SDES reports once a second, REMB when a cap is set, and
// per-line stats for the admin API.
//
// The PeerConnection calls five entry points: configure() after each
// negotiation, onRtpReceived() / onRtpSent() per packet, onRtcpReceived() per
// compound and tick() on a timer (every ~20 ms); packets to send come back
// through RtpSessionListener. Storage is allocated by configure() (per line and
// stream); the packet path and tick() allocate nothing, never throw or lock,
// and do not log. Times (`now_us`) are the loop's std::chrono::steady_clock in
// microseconds; the NTP time of our SRs adds the wall-clock offset taken at
// construction.
#pragma once

#include "rtp/header_extensions.hpp"
#include "rtp/ntp_time.hpp"
#include "rtp/rtcp/report_block.hpp"
#include "rtp/rtcp/transport_feedback_builder.hpp"
#include "rtp/rtp_packet.hpp"
#include "session/rtp_receive_stream.hpp"
#include "session/rtp_send_stream.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace portunus {

class MediaMap;
namespace rtp::rtcp {
class GenericNack;
}

// What the engine needs from its PeerConnection. Both calls hand over
// plaintext the listener protects and sends; `data` stays valid during the
// call and has at least RtpSession::kSendRoom spare bytes after `length`, so
// SRTP may protect it in place. The listener must not call back into the
// RtpSession from these, and must not report retransmissions via onRtpSent().
class RtpSessionListener {
public:
    virtual ~RtpSessionListener() = default;
    // An RTP packet (a retransmission) to protect and send.
    virtual void onRtpSessionSendRtp(uint8_t *data, size_t length) = 0;
    // An RTCP compound (or a reduced-size feedback packet) to protect and send.
    virtual void onRtpSessionSendRtcp(uint8_t *data, size_t length) = 0;
};

class RtpSession {
public:
    static constexpr size_t kSendRoom = 256;          // spare bytes for the SRTP trailer
    static constexpr size_t kMaxRtcpSize = 1200;      // per RTCP datagram we build
    static constexpr size_t kMaxStreamsPerLine = 4;   // media SSRCs per video line (simulcast)
    static constexpr size_t kMaxNacksPerStream = 128; // sequence numbers per stream per tick
    static constexpr int64_t kReportIntervalUs = 1000000;
    static constexpr int64_t kTransportFeedbackIntervalUs = 50000;
    static constexpr int64_t kDefaultResendIntervalUs = 20000; // per-seq resend limit while the RTT is unknown

    explicit RtpSession(RtpSessionListener &listener);
    ~RtpSession();
    RtpSession(const RtpSession &) = delete;
    RtpSession &operator=(const RtpSession &) = delete;

    // (Re)configures from the negotiated lines and the header extension ids of
    // our answer (transport-cc, rid, repaired-rid are used). Lines whose
    // shape did not change keep their streams (statistics, retransmit buffer).
    // `cname` goes into our SDES (the a=ssrc cname of the answer).
    void configure(const MediaMap &map, const rtp::ExtensionMap &extensions, std::string_view cname = "portunus");

    // Incoming RTP, unprotected and mapped to `line`. Feeds statistics, NACK
    // and transport-cc state; an RTX retransmission is decapsulated in place
    // (the plugin sees the original). False when the packet is not for the
    // plugin: an RTX padding probe, a retransmission we did not need, or RTX
    // we cannot attribute to a media stream.
    // `substream` (when given) gets the packet's simulcast layer, -1 when unknown.
    bool onRtpReceived(int line, rtp::RtpPacket &packet, int64_t now_us, int8_t *substream = nullptr);

    // Outgoing RTP on `line` after rewriting, before protection: kept for
    // NACKs (video) and counted for the SR. Not for retransmissions.
    void onRtpSent(int line, const rtp::RtpPacket &packet, int64_t now_us);

    // An incoming RTCP compound, unprotected. NACKs for our streams are
    // answered at once; SRs and report blocks are recorded. True when the
    // compound still has something for the plugin (PLI, FIR, REMB, BYE, APP,
    // anything unknown); false when it held only what we handled here.
    bool onRtcpReceived(const uint8_t *data, size_t length, int64_t now_us);

    // On a timer (every ~20 ms): NACKs due, transport-cc feedback (every
    // kTransportFeedbackIntervalUs while packets arrive), and every
    // kReportIntervalUs an SR (lines we send on) / RR + SDES compound, with
    // REMB when a cap is set.
    void tick(int64_t now_us);

    // A REMB cap for the peer (bits per second); 0 = no REMB. Sent at the next tick, then with each report.
    void setRembBitrate(uint32_t bps);

    struct LineStats {
        // What the peer sends us.
        uint64_t packets_in = 0, bytes_in = 0; // every RTP packet on the line, RTX included
        uint64_t packets_lost = 0;             // not received, retransmissions counted in
        uint64_t nacks_sent = 0;               // sequence numbers we asked for (retries included)
        double jitter_ms = 0;
        double fraction_lost = 0; // in our last report interval, 0..1
        // What we send.
        uint64_t packets_out = 0, bytes_out = 0;
        uint64_t nacks_received = 0; // sequence numbers the peer asked for
        uint64_t retransmitted = 0;
        uint64_t plis_received = 0, firs_received = 0;
        double rtt_ms = 0;               // 0 = not known yet
        double remote_fraction_lost = 0; // the peer's last report about our stream, 0..1
        double remote_jitter_ms = 0;
        int64_t remote_packets_lost = 0;
    };
    // Call on the loop; zeros for an unknown line.
    LineStats stats(int line) const;

    int64_t rttUs() const { return rtt_us_; } // the latest RTT measured on any line, 0 = not known
    // The (first) media SSRC the peer sends on `line`, 0 when none yet.
    uint32_t remoteSsrc(int line) const;
    // All of them (simulcast layers): how many were written to `out`.
    size_t remoteSsrcs(int line, std::span<uint32_t> out) const;

private:
    struct Line {
        std::string mid;
        bool video = false, receive = false, send = false;
        uint32_t clock_rate = 0;
        int remote_rtx_payload_type = -1;
        std::vector<std::string> rids;  // simulcast layers, lowest quality first
        std::vector<uint32_t> sim_ssrcs; // the same for an ssrc-group SIM
        RtpSendStream::Config send_config;
        std::vector<RtpReceiveStream> streams; // fixed once configured
        std::unique_ptr<RtpSendStream> sender;
        uint64_t packets_in = 0, bytes_in = 0, nacks_sent = 0, plis_received = 0, firs_received = 0;
    };

    Line *lineAt(int line) { return line >= 0 && size_t(line) < lines_.size() ? &lines_[size_t(line)] : nullptr; }
    const Line *lineAt(int line) const {
        return line >= 0 && size_t(line) < lines_.size() ? &lines_[size_t(line)] : nullptr;
    }
    RtpReceiveStream *mediaStream(Line &line, const rtp::RtpPacket &packet, int64_t now_us);
    static void learnSubstream(const Line &line, RtpReceiveStream &stream);
    RtpReceiveStream *rtxStream(Line &line, const rtp::RtpPacket &packet);
    RtpReceiveStream *receiveStream(uint32_t ssrc);
    RtpSendStream *sendStream(uint32_t ssrc, Line **line = nullptr);
    uint32_t anyRemoteSsrc() const;

    void onNack(const rtp::rtcp::GenericNack &nack, int64_t now_us);
    void onReportBlock(const rtp::rtcp::ReportBlock &block, int64_t now_us);

    void writeReports(int64_t now_us);
    void writeRemb();
    void writeNacks(int64_t now_us);
    void writeTransportFeedback();

    rtp::NtpTime ntpAt(int64_t now_us) const { return rtp::ntpFromUnixUs(now_us + wall_offset_us_); }
    std::span<uint8_t> rtcpSpace() {
        return std::span<uint8_t>(rtcp_out_).subspan(rtcp_used_, kMaxRtcpSize - rtcp_used_);
    }
    // Runs a write*() builder into the RTCP datagram being assembled; sends
    // that datagram first when the packet does not fit behind it.
    template <typename Writer, typename... Args>
    bool emitRtcp(Writer &&writer, const Args &...args) {
        size_t n = writer(rtcpSpace(), args...);
        if (n == 0 && rtcp_used_ > 0) {
            flushRtcp();
            n = writer(rtcpSpace(), args...);
        }
        rtcp_used_ += n;
        return n > 0;
    }
    void flushRtcp();

    RtpSessionListener &listener_;
    std::vector<Line> lines_;
    uint8_t tcc_id_ = 0, rid_id_ = 0, repaired_rid_id_ = 0;
    std::unique_ptr<rtp::rtcp::TransportFeedbackBuilder> tcc_;
    std::string cname_ = "portunus";
    uint32_t reporter_ssrc_ = 1; // the sender SSRC of our RR and feedback
    int64_t wall_offset_us_ = 0; // system clock - steady clock, for the NTP time of SRs
    int64_t rtt_us_ = 0;
    uint32_t remb_bps_ = 0;
    bool remb_changed_ = false;
    int64_t next_report_us_ = 0;
    int64_t last_tcc_us_ = 0;
    size_t rtcp_used_ = 0;
    alignas(8) std::array<uint8_t, rtp::RetransmitBuffer::kMaxPacketSize + 2 + kSendRoom> rtp_out_{};
    alignas(8) std::array<uint8_t, kMaxRtcpSize + kSendRoom> rtcp_out_{};
};

} // namespace portunus
