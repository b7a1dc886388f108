// One direction of SRTP/SRTCP (RFC 3711, RFC 7714) on OpenSSL: protect what
// we send, unprotect what we receive, in place. Keys, OpenSSL contexts and
// the per-SSRC table are set up once in start(); no call after that
// allocates or locks.
//
// Per SSRC (up to kMaxStreams, created on first use, never evicted: a
// packet of a further SSRC is refused) a session keeps the SRTP rollover
// counter and replay window (kRtpReplayWindow packets) and the SRTCP index
// (sending) or replay window (kRtcpReplayWindow, receiving). Receiving, a
// packet is checked against the window first and marked in it only once it
// is authentic; a new SSRC gets its slot only then. Sending, re-protecting a
// sequence number still in the window is allowed (retransmissions answering
// NACKs repeat it), as libsrtp's allow_repeat_tx; one older than the window
// is refused.
#pragma once

#include "net/srtp_profile.hpp"
#include "net/srtp_replay_window.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace portunus::net {

class SrtpTransform;

class SrtpSession {
public:
    enum class Direction { inbound, outbound };
    // Bytes protect may append; send buffers reserve this much after the packet.
    // The largest trailer is AEAD SRTCP's: 16-byte tag and 4-byte E||index.
    static constexpr size_t kMaxTrailer = 20;
    static constexpr size_t kMaxStreams = 64;
    // As deep as the retransmission buffer, so a resent original still protects.
    static constexpr size_t kRtpReplayWindow = 1024;
    static constexpr size_t kRtcpReplayWindow = 128; // libsrtp's fixed SRTCP window

    SrtpSession();
    ~SrtpSession();
    SrtpSession(const SrtpSession &) = delete;
    SrtpSession &operator=(const SrtpSession &) = delete;

    // `key_and_salt`: master key || master salt as exported by DTLS-SRTP
    // (30 bytes, or 28 for AEAD_AES_128_GCM). Starting again resets all state.
    bool start(SrtpProfile profile, Direction direction, const uint8_t *key_and_salt, std::string &error);
    bool active() const { return transform_ != nullptr; }

    // `length` is updated; the buffer must have kMaxTrailer spare bytes to
    // protect. False (state untouched) for a malformed, unauthentic or
    // replayed packet, for the wrong direction, or a new SSRC beyond kMaxStreams.
    bool protectRtp(uint8_t *packet, size_t &length);
    bool protectRtcp(uint8_t *packet, size_t &length);
    bool unprotectRtp(uint8_t *packet, size_t &length);
    bool unprotectRtcp(uint8_t *packet, size_t &length);

private:
    struct Stream {
        SrtpReplayWindow<kRtpReplayWindow> rtp; // highest() is the index: ROC << 16 | SEQ
        SrtpReplayWindow<kRtcpReplayWindow> rtcp; // receiving
        uint32_t rtcp_sent = 0;                  // sending: the last SRTCP index used
    };

    // The slot of `ssrc`, or -1.
    int find(uint32_t ssrc);
    // A fresh slot for `ssrc`, or -1 when the table is full.
    int add(uint32_t ssrc);

    std::unique_ptr<SrtpTransform> transform_;
    Direction direction_ = Direction::inbound;
    size_t stream_count_ = 0;
    size_t last_ = 0; // the slot used last, tried first
    std::array<uint32_t, kMaxStreams> ssrcs_{};
    std::array<Stream, kMaxStreams> streams_{};
};

} // namespace portunus::net
