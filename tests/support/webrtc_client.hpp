// A WebRTC client built from Portunus' own core parts — the tests' peer and
// the start of the load generator. It signals over the Janus WebSocket API
// (create, attach, message with an SDP offer, trickle both ways), connects
// with ICE/DTLS-SRTP (client_transport), and then sends synthetic VP8 video
// and Opus-sized audio (synthetic_media) at a configurable rate while counting
// what comes back. Its RTP/RTCP engine is the core's RtpSession, as on the
// server: it answers the server's NACKs from its retransmit buffer (RTX), NACKs
// gaps in what it receives, sends SR/RR, and a PLI/FIR gets a keyframe.
//
//   WebRtcClient client({.loss = 0.05});
//   client.connect(server.clientWsPort());         // returns once DTLS is up
//   client.startMedia({.video_packets = 2000});
//   client.waitFor([](const ClientStats &s) { return s.video.received == 2000; });
//
// It also keeps what a test may check about the server's behaviour: every
// Janus event it got (webrtcup, media, slowlink, hangup, ...) and every REMB
// (the bitrate cap the server announced for our video). After a hangup,
// renegotiate() makes a new offer on the same handle.
//
// Each client owns a Loop (one thread) that runs its whole media path; the
// calls below may be made from any other thread.
#pragma once

#include "support/json.hpp"
#include "support/timeouts.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace portunus::test {

struct ClientOptions {
    std::string plugin = "janus.plugin.echotest";
    std::string body = R"({"audio":true,"video":true})"; // the message that carries the offer
    // A message sent (without JSEP) before the first offer, e.g. a videoroom
    // publisher's join; its reply is the first of events().
    std::string join;
    std::string ticket; // the join ticket presented on attach; "" = none
    double loss = 0;   // fraction of datagrams dropped each way at the ICE edge
    std::optional<double> loss_out, loss_in; // per direction, instead of `loss` (out = client -> server)
    uint64_t seed = 1; // of the loss PRNG
    bool rtx = true;   // offer RTX for video
    std::string srtp_profile; // the one SRTP profile to offer (config name); "" = both
};

struct MediaOptions {
    unsigned video_packets_per_second = 500;
    unsigned video_fps = 25;         // packets per frame = rate / fps
    size_t video_payload_size = 1100; // bytes after the RTP header
    uint16_t video_width = 640, video_height = 480; // what the keyframes say
    uint64_t video_packets = 0;       // how many to send; 0 = until stopMedia()
    bool audio = true;                // Opus-sized packets at 50 per second while video is sent
    size_t audio_payload_size = 100;
};

struct ClientStats {
    struct Stream {
        uint64_t sent = 0;       // packets we sent (original, not retransmissions)
        uint64_t received = 0;   // unique by the probe's send sequence
        uint64_t duplicates = 0; // probe sequences seen again
        double delay_avg_ms = 0; // send -> echo received
        double delay_max_ms = 0;
    };
    bool up = false;          // DTLS-SRTP connected
    bool failed = false;      // ICE/DTLS failed or closed
    bool sending = false;     // media started and not finished
    Stream video, audio;
    // NACKs and retransmissions, counted in sequence numbers / packets.
    uint64_t nacks_sent = 0;               // we asked the server for (retries included)
    uint64_t retransmissions_received = 0; // RTX packets that filled a gap
    uint64_t nacks_received = 0;           // the server asked us for
    uint64_t retransmissions_sent = 0;     // we resent in answer
    uint64_t plis_received = 0;            // PLI and FIR
    uint64_t keyframes_sent = 0;
    double rtt_ms = 0;
    // The lossy path and SRTP.
    uint64_t datagrams_sent = 0, datagrams_dropped_out = 0;
    uint64_t datagrams_received = 0, datagrams_dropped_in = 0;
    uint64_t srtp_errors = 0;
    // What the server told us.
    uint64_t rembs_received = 0;    // REMB packets (each counted once)
    uint64_t last_remb_bps = 0;     // the bitrate of the latest one
    uint64_t events_received = 0;   // Janus events (not acks, not trickles)

    std::string summary() const; // one readable line per group, for test output
};

// One REMB the server sent us.
struct RembReport {
    uint64_t bitrate = 0; // bits per second, as the mantissa and exponent say
    uint32_t sender_ssrc = 0;
    std::vector<uint32_t> ssrcs; // the SSRCs the cap applies to
    // Echoed video packets counted (unique) when it arrived: places it in the
    // echo stream (a REMB the server sent before echoing packet k arrives
    // before that echo, over loopback without loss).
    uint64_t video_received = 0;
};

class WebRtcClient {
public:
    explicit WebRtcClient(ClientOptions options = {});
    ~WebRtcClient(); // destroys the Janus session, stops the loop
    WebRtcClient(const WebRtcClient &) = delete;
    WebRtcClient &operator=(const WebRtcClient &) = delete;

    // Signals with the server on the client WebSocket port and connects.
    // Returns once DTLS-SRTP is up; throws std::runtime_error on failure or
    // when it takes longer than `timeout`.
    void connect(uint16_t ws_port, std::chrono::milliseconds timeout = kEventTimeout);
    uint64_t sessionId() const;
    uint64_t handleId() const;

    // Starts (or restarts with new options) sending; stopMedia() stops.
    void startMedia(const MediaOptions &options);
    void stopMedia();

    // After a hangup (ours or the server's): a new transport and a new offer
    // (new SSRCs) on the same handle; returns once DTLS-SRTP is up again.
    // Media stops until the next startMedia() and the stats start again from
    // zero; the REMBs and events received so far are kept.
    void renegotiate(std::chrono::milliseconds timeout = kEventTimeout);

    // A plugin message without JSEP (e.g. echotest's {"bitrate": 256000});
    // returns the plugin's "event" reply. Throws on an error reply or timeout.
    Json message(const Json &body, std::chrono::milliseconds timeout = kEventTimeout);
    // Any Janus request on our session and handle (ids and a transaction
    // added, e.g. {"janus":"hangup"}); returns the first reply that is not an "ack".
    Json request(const Json &request, std::chrono::milliseconds timeout = kEventTimeout);

    // Our SSRCs in the current negotiation.
    uint32_t videoSsrc() const;
    uint32_t audioSsrc() const;

    ClientStats stats() const;
    // Waits until `done` holds for the stats (checked on every change), or
    // `timeout` passes; returns whether it held.
    bool waitFor(const std::function<bool(const ClientStats &)> &done, std::chrono::milliseconds timeout);

    // Every Janus event received so far (not acks, not trickles), in order.
    std::vector<Json> events() const;
    // Waits for an event at index >= `from` (in events()) for which `match`
    // holds; returns it, or nullopt after `timeout`.
    std::optional<Json> waitForEvent(const std::function<bool(const Json &)> &match, std::chrono::milliseconds timeout,
                                     size_t from = 0);
    // Every REMB received so far, in order.
    std::vector<RembReport> rembs() const;

    // The client's own log of what happened (signaling, transport), for failures.
    std::string log() const;

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace portunus::test
