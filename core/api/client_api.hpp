// The Janus client protocol (v1): create, attach, message, trickle, keepalive,
// hangup, detach, destroy, claim, info, ping — one JSON request in, one JSON
// reply out; events follow through the session.
#pragma once

#include "api/api_context.hpp"
#include "api/request.hpp"
#include "session/event_sink.hpp"

#include <rapidjson/document.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace portunus {

class Session;
class Handle;

struct ClientRequestContext {
    std::shared_ptr<EventSink> sink;         // the WebSocket it came on; null over HTTP
    std::optional<uint64_t> path_session;    // ids from the HTTP path
    std::optional<uint64_t> path_handle;
    std::string remote;
};

class ClientApi {
public:
    explicit ClientApi(ApiContext &ctx) : ctx_(ctx) {}
    using Send = std::function<void(std::string)>;
    // Answers with exactly one call of `send`; never throws (errors become Janus
    // error replies). Events the request causes follow the reply.
    void handle(std::string_view body, const ClientRequestContext &rc, const Send &send);

private:
    using Request = api::Request;
    std::string dispatch(Request &r, const ClientRequestContext &rc);
    std::string create(Request &r, const ClientRequestContext &rc);
    std::string attach(Request &r, Session &session); // counts refusals, by reason
    std::string attachHandle(Request &r, Session &session);
    std::string message(Request &r, Session &session, Handle &handle);
    std::string trickle(Request &r, Session &session, Handle &handle);

    ApiContext &ctx_;
};

} // namespace portunus
