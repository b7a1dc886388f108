// The integrator-facing REST of the client HTTP port:
//   GET  /client/capabilities                        the "rtc" contract
//   POST /v1/rtc/channels/{channel_id}/join-ticket   a join ticket for the
//        user of the "Authorization: Bearer <session token>" header
// Errors are {"error": {"code": N, "reason": "..."}} with an HTTP status.
#pragma once

#include "api/api_context.hpp"
#include "auth/rate_limiter.hpp"
#include "auth/session_token.hpp"
#include "transport/http_types.hpp"

#include <optional>
#include <string>

namespace portunus {

class RtcApi {
public:
    explicit RtcApi(ApiContext &ctx);
    // The response when the path is one of ours, nullopt otherwise.
    std::optional<HttpResponse> handle(const HttpRequest &request, const std::string &remote);

private:
    HttpResponse capabilities(const HttpRequest &request);
    HttpResponse joinTicket(const HttpRequest &request, const std::string &channel_id, const std::string &remote);
    // The request's bearer session token, verified; nullopt with `error` otherwise.
    std::optional<auth::SessionToken> bearer(const HttpRequest &request, std::string &error) const;

    ApiContext &ctx_;
    auth::RateLimiter per_user_;
    auth::RateLimiter per_ip_;
};

} // namespace portunus
