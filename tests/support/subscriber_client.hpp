// The receiving side of an SFU test: a WebRTC client that answers the
// server's offers instead of making its own, as a videoroom subscriber does.
// It signals over the Janus WebSocket API, answers every offer it gets (the
// reply to a request, or an unsolicited "updated") with recvonly sections,
// connects with ICE/DTLS-SRTP (the server's offer makes it the controlled ICE
// agent and the DTLS client), and counts what arrives per mid: unique packets
// by the synthetic probe of the sender (synthetic_media), VP8 keyframes and
// their size, and the SSRC/sequence continuity the SFU must keep across
// switches. Its RtpSession sends receiver reports and NACKs.
//
//   SubscriberClient sub(server.clientWsPort(), "janus.plugin.videoroom");
//   sub.request(join_body);                       // the offer is answered with {"request":"start"}
//   sub.waitFor([](const auto &s) { return s.count("0") && s.at("0").unique > 100; }, timeout);
#pragma once

#include "support/delay_histogram.hpp"
#include "support/json.hpp"
#include "support/timeouts.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace portunus::test {

struct ReceivedStream {
    uint64_t packets = 0;  // RTP packets, retransmissions included
    uint64_t unique = 0;   // by the sender's probe
    uint64_t expected = 0; // probe seqs from the first to the last seen (expected - unique were lost)
    uint32_t last_probe = 0; // the highest probe seq seen
    double jitter_ms = 0;  // RFC 3550 interarrival jitter of the probes' one-way delay
    uint64_t keyframes = 0;
    uint16_t width = 0, height = 0; // of the last VP8 keyframe
    uint32_t ssrc = 0;     // the last SSRC seen
    uint64_t ssrc_changes = 0;
    uint64_t seq_jumps = 0; // a sequence number more than 100 away from the last
    uint8_t last_audio_level = 127;
    bool has_audio_level = false;
};

struct OfferedMid {
    std::string mid;
    std::string kind; // "audio", "video" or "application"
    bool active = true; // port != 0
};

class SubscriberClient {
public:
    // `answer_body`: the message that carries our answers; `srtp_profile`: the
    // one SRTP profile to offer in DTLS (config name), "" = both.
    SubscriberClient(uint16_t ws_port, std::string plugin, Json answer_body = Json::parse(R"({"request":"start"})"),
                     std::string srtp_profile = "");
    ~SubscriberClient();
    SubscriberClient(const SubscriberClient &) = delete;
    SubscriberClient &operator=(const SubscriberClient &) = delete;

    uint64_t sessionId() const;
    uint64_t handleId() const;

    // A plugin message; returns its reply after the "ack" (an "event" or a
    // synchronous "success"/"error"). An offer in it is answered before this returns.
    Json message(const Json &body, std::chrono::milliseconds timeout = kEventTimeout);

    // What arrived, by mid.
    std::map<std::string, ReceivedStream> streams() const;
    bool waitFor(const std::function<bool(const std::map<std::string, ReceivedStream> &)> &done,
                 std::chrono::milliseconds timeout);
    bool connected() const;
    // Offers answered so far.
    size_t offersAnswered() const;
    // The m-lines of the last offer, in order.
    std::vector<OfferedMid> offeredMids() const;
    // The first active mid of that kind in the last offer, "" when none.
    std::string midOf(const std::string &kind) const;
    // Waits until the last offer's m-lines satisfy `done`.
    bool waitForOffer(const std::function<bool(const std::vector<OfferedMid> &)> &done,
                      std::chrono::milliseconds timeout);

    // The one-way delays (probe send time to arrival) of what arrived on `mid`.
    DelayHistogram delays(const std::string &mid) const;

    // A PLI for what arrives on `mid` (as a browser sends when it cannot decode).
    void sendPli(const std::string &mid);

    // Every Janus event received (not acks, not trickles), in order, and a
    // wait for one at index >= `from`.
    std::vector<Json> events() const;
    std::optional<Json> waitForEvent(const std::function<bool(const Json &)> &match, std::chrono::milliseconds timeout,
                                     size_t from = 0);
    std::string log() const;

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace portunus::test
