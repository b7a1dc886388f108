// The control plane's one error type: thrown anywhere while serving a client or
// admin request, caught at the dispatch point and turned into a Janus-style
// {"janus":"error","error":{"code":N,"reason":"..."}} reply. Codes are Janus's,
// so existing clients understand them; the data plane never throws.
#pragma once

#include <stdexcept>
#include <string>

namespace portunus::api {

enum class ErrorCode : int {
    unauthorized = 403,
    unauthorized_plugin = 405,
    transport_specific = 450,
    missing_request = 452,
    unknown_request = 453,
    invalid_json = 454,
    invalid_json_object = 455,
    missing_mandatory_element = 456,
    invalid_request_path = 457,
    session_not_found = 458,
    handle_not_found = 459,
    plugin_not_found = 460,
    plugin_attach = 461,
    plugin_message = 462,
    plugin_detach = 463,
    jsep_unknown_type = 464,
    jsep_invalid_sdp = 465,
    trickle_invalid_stream = 466,
    invalid_element_type = 467,
    session_conflict = 468,
    unexpected_answer = 469,
    token_not_found = 470,
    webrtc_state = 471,
    not_accepting_sessions = 472,
    // Join tickets (auth.mode "ticket"), one code per reason for a refusal.
    ticket_missing = 473,
    ticket_invalid = 474,
    ticket_bad_signature = 475,
    ticket_expired = 476,
    ticket_replayed = 477,
    ticket_wrong_audience = 478,
    mint_rate_limited = 479, // the join-ticket endpoint, per user or per IP
    // Client request limits (RequestLimits), one code per limit.
    rate_limited_address = 480,
    rate_limited_sessions = 481,
    rate_limited_session = 482,
    rate_limited_handle = 483,
    too_many_sessions = 484,
    too_many_handles = 485,
    // Moderation (tickets refused).
    banned = 486,
    channel_locked = 487,
    // Channel limits on handles with tickets (ChannelRoster).
    channel_full = 488,
    too_many_tracks = 489,
    unknown = 490,
};

class ApiError : public std::runtime_error {
public:
    ApiError(ErrorCode code, const std::string &reason) : std::runtime_error(reason), code_(static_cast<int>(code)) {}
    // Plugins answer with their own codes; they pass through unchanged.
    ApiError(int code, const std::string &reason) : std::runtime_error(reason), code_(code) {}
    int code() const { return code_; }

private:
    int code_;
};

} // namespace portunus::api
