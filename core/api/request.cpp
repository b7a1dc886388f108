#include "api/request.hpp"

#include "api/json.hpp"

namespace portunus::api {

void readEnvelope(std::string_view body, Request &r) {
    if (body.empty()) throw ApiError(ErrorCode::missing_request, "Missing request");
    parseRequest(body, r.doc);
    r.transaction = optionalString(r.doc, "transaction");
    r.kind = requireString(r.doc, "janus");
    if (!r.transaction) throw ApiError(ErrorCode::missing_mandatory_element, "Missing mandatory element (transaction)");
}

void readIds(Request &r, std::optional<uint64_t> path_session, std::optional<uint64_t> path_handle) {
    r.session_id = path_session ? *path_session : optionalUint(r.doc, "session_id").value_or(0);
    r.handle_id = path_handle ? *path_handle : optionalUint(r.doc, "handle_id").value_or(0);
}

} // namespace portunus::api
