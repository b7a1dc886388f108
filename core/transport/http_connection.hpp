// One HTTP/1.1 client connection: reads requests (size-limited), hands them to
// the HttpHandler, writes responses in order, and turns WebSocket upgrades into
// WebSocketConnections.
#pragma once

#include "transport/connection_set.hpp"
#include "transport/http_types.hpp"

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <memory>
#include <optional>

namespace portunus {

struct HttpLimits {
    size_t max_body_bytes = 0;
};

class HttpConnection : public Closable, public std::enable_shared_from_this<HttpConnection> {
public:
    HttpConnection(boost::asio::ip::tcp::socket socket, HttpHandler &http, WebSocketHandler &ws, ConnectionSet &set,
                   HttpLimits limits);
    void start();
    void close() override;

private:
    void read();
    void onRead(boost::beast::error_code ec);
    void write(HttpResponse response);
    void refuse(boost::beast::http::status status, std::string reason);

    boost::beast::tcp_stream stream_;
    HttpHandler &http_;
    WebSocketHandler &ws_;
    ConnectionSet &set_;
    HttpLimits limits_;
    std::string remote_;
    boost::beast::flat_buffer buffer_;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
    HttpRequest request_;
};

} // namespace portunus
