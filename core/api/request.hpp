// The envelope every Janus API request shares: {"janus": kind, "transaction":
// …, "session_id", "handle_id"}, read the same way by the client and admin APIs.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace portunus::api {

struct Request {
    rapidjson::Document doc;
    std::string kind;
    std::optional<std::string> transaction;
    uint64_t session_id = 0;
    uint64_t handle_id = 0;
};

// Parses `body` into `r`. Throws ApiError: 452 empty, 454/455 not a JSON
// object, 456 no "janus" or "transaction", 467 mistyped. The transaction is
// read first so that errors can echo it.
void readEnvelope(std::string_view body, Request &r);

// The session and handle ids: in the body (WebSocket) or the HTTP path; the
// path wins, as in Janus. Throws ApiError 467 for a mistyped id.
void readIds(Request &r, std::optional<uint64_t> path_session, std::optional<uint64_t> path_handle);

} // namespace portunus::api
