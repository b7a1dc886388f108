// The plugin's error codes (stable: clients branch on them; docs/presence.md
// lists them) and the one exception that carries them from wherever a request
// is refused to the dispatch point that turns it into an error reply.
#pragma once

#include <stdexcept>
#include <string>

namespace portunus::presence {

enum class ErrorCode : int {
    invalid_json = 420,      // the body is not a JSON object
    invalid_element = 421,   // a field is missing, of the wrong type or out of range
    unknown_request = 422,   // "request" names nothing this plugin does
    unknown_scope = 423,     // not <kind>:<id> with a configured kind
    not_tracked = 424,       // the handle tracks no such scope, or nothing (never, expired, untracked)
    scope_full = 425,        // the scope has max_scope_members members
    too_many_tracked = 426,  // the handle tracks max_tracked_per_session scopes
    too_many_watched = 427,  // the handle watches max_watched_per_session scopes
    rate_limited = 428,      // more requests than requests_per_s (burst request_burst)
    user_mismatch = 429,     // a handle is one user's device: another user (or the ticket's) was named
    not_watching = 430,      // unwatch of a scope the handle does not watch
};

class PresenceError : public std::runtime_error {
public:
    PresenceError(ErrorCode code, const std::string &reason) : std::runtime_error(reason), code_(code) {}
    int code() const { return static_cast<int>(code_); }

private:
    ErrorCode code_;
};

} // namespace portunus::presence
