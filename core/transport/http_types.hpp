// The HTTP and WebSocket seams between transports and the APIs they carry.
#pragma once

#include <boost/beast/http.hpp>

#include <functional>
#include <memory>
#include <string>

namespace portunus {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;
// Sends the response; call exactly once, from any thread.
using HttpRespond = std::function<void(HttpResponse)>;

class WebSocketConnection;

class HttpHandler {
public:
    virtual ~HttpHandler() = default;
    virtual void onHttpRequest(const HttpRequest &request, const std::string &remote, HttpRespond respond) = 0;
};

class WebSocketHandler {
public:
    virtual ~WebSocketHandler() = default;
    // The subprotocol a client must ask for (or ask for none).
    virtual const char *subprotocol() const = 0;
    virtual void onWebSocketMessage(const std::shared_ptr<WebSocketConnection> &connection, std::string text) = 0;
    virtual void onWebSocketClosed(WebSocketConnection &connection) = 0;
};

// A plain response with the given status, content type and body.
HttpResponse makeResponse(const HttpRequest &request, boost::beast::http::status status,
                          std::string content_type, std::string body);

} // namespace portunus
