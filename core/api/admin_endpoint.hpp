// The admin API on HTTP (POST under /admin) and WebSocket ("janus-admin-protocol").
#pragma once

#include "api/admin_api.hpp"
#include "transport/http_types.hpp"

namespace portunus {

class AdminEndpoint : public HttpHandler, public WebSocketHandler {
public:
    explicit AdminEndpoint(ApiContext &ctx) : ctx_(ctx), api_(ctx) {}

    void onHttpRequest(const HttpRequest &request, const std::string &remote, HttpRespond respond) override;
    const char *subprotocol() const override { return "janus-admin-protocol"; }
    void onWebSocketMessage(const std::shared_ptr<WebSocketConnection> &connection, std::string text) override;
    void onWebSocketClosed(WebSocketConnection &) override {}

private:
    HttpResponse metrics(const HttpRequest &request) const;

    ApiContext &ctx_;
    AdminApi api_;
};

} // namespace portunus
