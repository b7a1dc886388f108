// Rate limits and caps on client requests: token buckets per client address
// (requests, new sessions), per session (requests) and per handle (messages
// and trickles), and caps on sessions and on handles per session. Each
// refusal throws ApiError with its own code and is counted by reason.
#pragma once

#include "auth/rate_limiter.hpp"
#include "config/core_config.hpp"

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>

namespace portunus {

class RequestLimits {
public:
    enum class Reason { address_requests, address_sessions, session_requests, handle_requests, sessions, handles, count };
    static const char *name(Reason r); // "address_requests", … (metric labels)

    explicit RequestLimits(const config::CoreConfig &config);

    void checkRequest(const std::string &address);
    void checkNewSession(const std::string &address, size_t sessions_now);
    void checkSession(uint64_t session_id);
    void checkHandle(uint64_t handle_id);
    void checkAttach(size_t handles_now);

    uint64_t refused(Reason r) const { return refused_[static_cast<size_t>(r)].load(std::memory_order_relaxed); }

private:
    [[noreturn]] void refuse(Reason r, int code, const std::string &reason);

    const config::CoreConfig &config_;
    auth::RateLimiter per_address_;
    auth::RateLimiter sessions_per_address_;
    auth::RateLimiter per_session_;
    auth::RateLimiter per_handle_;
    std::array<std::atomic<uint64_t>, static_cast<size_t>(Reason::count)> refused_{};
};

// "1.2.3.4:5678" or "::1:5678" (a transport's remote) -> the address alone.
std::string addressOf(const std::string &remote);

} // namespace portunus
