// One direction of SRTP/SRTCP (libsrtp2): protect what we send, unprotect what
// we receive, in place, no allocation. Replay protection is on.
#pragma once

#include "net/srtp_profile.hpp"

#include <srtp2/srtp.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace portunus::net {

class SrtpSession {
public:
    enum class Direction { inbound, outbound };
    // Bytes protect may append; send buffers reserve this much after the packet.
    static constexpr size_t kMaxTrailer = SRTP_MAX_TRAILER_LEN;

    SrtpSession() = default;
    ~SrtpSession();
    SrtpSession(const SrtpSession &) = delete;
    SrtpSession &operator=(const SrtpSession &) = delete;

    bool start(SrtpProfile profile, Direction direction, const uint8_t *key_and_salt, std::string &error);
    bool active() const { return session_ != nullptr; }

    // `length` is updated; the buffer must have kMaxTrailer spare bytes to protect.
    bool protectRtp(uint8_t *packet, size_t &length);
    bool protectRtcp(uint8_t *packet, size_t &length);
    bool unprotectRtp(uint8_t *packet, size_t &length);
    bool unprotectRtcp(uint8_t *packet, size_t &length);

private:
    srtp_t session_ = nullptr;
};

} // namespace portunus::net
