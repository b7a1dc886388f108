// The client API on HTTP and WebSocket: POST/GET under /janus (long-poll
// included), the "janus-protocol" WebSocket, the integrators' REST (RtcApi), plugin HTTP routes, and the web
// root (demo page) for everything else.
#pragma once

#include "api/client_api.hpp"
#include "api/rtc_api.hpp"
#include "transport/http_routes.hpp"
#include "transport/http_types.hpp"
#include "transport/static_files.hpp"

namespace portunus {

class ClientEndpoint : public HttpHandler, public WebSocketHandler {
public:
    ClientEndpoint(ApiContext &ctx, HttpRoutes &routes);

    void onHttpRequest(const HttpRequest &request, const std::string &remote, HttpRespond respond) override;
    const char *subprotocol() const override { return "janus-protocol"; }
    void onWebSocketMessage(const std::shared_ptr<WebSocketConnection> &connection, std::string text) override;
    void onWebSocketClosed(WebSocketConnection &connection) override;

private:
    void longPoll(const HttpRequest &request, uint64_t session_id, size_t max_events, HttpRespond respond);
    HttpResponse json(const HttpRequest &request, std::string body) const;

    ApiContext &ctx_;
    ClientApi api_;
    RtcApi rtc_;
    HttpRoutes &routes_;
    StaticFiles files_;
};

} // namespace portunus
