#include "api/request_limits.hpp"

#include "api/api_error.hpp"

#include <fmt/format.h>

namespace portunus {

using api::ApiError;
using api::ErrorCode;

namespace {
// A bucket holds a minute's worth: bursts as large as the rate are fine.
auth::RateLimiter perMinute(unsigned n) { return auth::RateLimiter(n, n); }
} // namespace

const char *RequestLimits::name(Reason r) {
    static constexpr const char *kNames[] = {"address_requests", "address_sessions", "session_requests",
                                             "handle_requests",  "sessions",         "handles"};
    return kNames[static_cast<size_t>(r)];
}

RequestLimits::RequestLimits(const config::CoreConfig &config)
    : config_(config), per_address_(perMinute(config.limits.requests_per_minute_ip)),
      sessions_per_address_(perMinute(config.limits.sessions_per_minute_ip)),
      per_session_(perMinute(config.limits.requests_per_minute_session)),
      per_handle_(perMinute(config.limits.requests_per_minute_handle)) {}

void RequestLimits::refuse(Reason r, int code, const std::string &reason) {
    refused_[static_cast<size_t>(r)].fetch_add(1, std::memory_order_relaxed);
    throw ApiError(code, reason);
}

void RequestLimits::checkRequest(const std::string &address) {
    if (!per_address_.allow(address))
        refuse(Reason::address_requests, static_cast<int>(ErrorCode::rate_limited_address), "Too many requests from this address");
}

void RequestLimits::checkNewSession(const std::string &address, size_t sessions_now) {
    if (config_.limits.max_sessions && sessions_now >= config_.limits.max_sessions)
        refuse(Reason::sessions, static_cast<int>(ErrorCode::too_many_sessions),
               fmt::format("The server has its maximum of {} sessions", config_.limits.max_sessions));
    if (!sessions_per_address_.allow(address))
        refuse(Reason::address_sessions, static_cast<int>(ErrorCode::rate_limited_sessions),
               "Too many new sessions from this address");
}

void RequestLimits::checkSession(uint64_t session_id) {
    if (!per_session_.allow(std::to_string(session_id)))
        refuse(Reason::session_requests, static_cast<int>(ErrorCode::rate_limited_session), "Too many requests in this session");
}

void RequestLimits::checkHandle(uint64_t handle_id) {
    if (!per_handle_.allow(std::to_string(handle_id)))
        refuse(Reason::handle_requests, static_cast<int>(ErrorCode::rate_limited_handle), "Too many requests on this handle");
}

void RequestLimits::checkAttach(size_t handles_now) {
    if (config_.limits.max_handles_per_session && handles_now >= config_.limits.max_handles_per_session)
        refuse(Reason::handles, static_cast<int>(ErrorCode::too_many_handles),
               fmt::format("The session has its maximum of {} handles", config_.limits.max_handles_per_session));
}

std::string addressOf(const std::string &remote) {
    size_t colon = remote.rfind(':');
    return colon == std::string::npos ? remote : remote.substr(0, colon);
}

} // namespace portunus
