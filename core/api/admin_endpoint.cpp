#include "api/admin_endpoint.hpp"

#include "api/api_path.hpp"
#include "api/json.hpp"
#include "api/metrics_text.hpp"
#include "auth/admin_secret.hpp"
#include "transport/websocket_connection.hpp"

namespace portunus {

namespace http = boost::beast::http;

void AdminEndpoint::onHttpRequest(const HttpRequest &request, const std::string &remote, HttpRespond respond) {
    // The admin page is served from the client port, so the admin API answers
    // cross-origin requests; the secret still guards every one of them.
    auto cors = [](HttpResponse res) {
        res.set(http::field::access_control_allow_origin, "*");
        res.set(http::field::access_control_allow_methods, "POST, OPTIONS");
        res.set(http::field::access_control_allow_headers, "Content-Type");
        return res;
    };
    if (request.method() == http::verb::options) {
        respond(cors(makeResponse(request, http::status::no_content, "text/plain", "")));
        return;
    }
    if (request.target() == "/metrics") {
        respond(metrics(request));
        return;
    }
    auto path = api::parseApiPath(request.target(), ctx_.config.admin.http.base_path);
    if (!path) {
        respond(makeResponse(request, http::status::not_found, "text/plain", "not found\n"));
        return;
    }
    std::string body;
    if (!path->valid || !path->word.empty())
        body = api::errorReply(std::nullopt, 0, static_cast<int>(api::ErrorCode::invalid_request_path), "Invalid path");
    else if (request.method() != http::verb::post)
        body = api::errorReply(std::nullopt, 0, static_cast<int>(api::ErrorCode::transport_specific), "Use POST");
    else
        body = api_.handle(request.body(), AdminRequestContext{path->session, path->handle, remote});
    respond(cors(makeResponse(request, http::status::ok, "application/json", std::move(body))));
}

// Prometheus scrapes with "Authorization: Bearer <admin_secret>" (its
// bearer_token setting); the counters are the admin API's to show.
HttpResponse AdminEndpoint::metrics(const HttpRequest &request) const {
    auto header = request.find(http::field::authorization);
    constexpr std::string_view kScheme = "Bearer ";
    if (header == request.end() || header->value().substr(0, kScheme.size()) != kScheme ||
        !auth::secretMatches(header->value().substr(kScheme.size()), ctx_.config.admin.secret)) {
        auto res = makeResponse(request, http::status::unauthorized, "text/plain", "unauthorized\n");
        res.set(http::field::www_authenticate, "Bearer");
        return res;
    }
    if (request.method() != http::verb::get) return makeResponse(request, http::status::method_not_allowed, "text/plain", "use GET\n");
    return makeResponse(request, http::status::ok, "text/plain; version=0.0.4; charset=utf-8", api::metricsText(ctx_));
}

void AdminEndpoint::onWebSocketMessage(const std::shared_ptr<WebSocketConnection> &connection, std::string text) {
    connection->sendEvent(api_.handle(text, AdminRequestContext{std::nullopt, std::nullopt, connection->remote()}));
}

} // namespace portunus
