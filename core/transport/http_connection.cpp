#include "transport/http_connection.hpp"

#include "observe/log.hpp"
#include "transport/websocket_connection.hpp"

#include <boost/asio/post.hpp>
#include <boost/beast/websocket.hpp>

namespace portunus {

namespace beast = boost::beast;
namespace http = boost::beast::http;

namespace {
// Idle keep-alive connections and slow senders are dropped after this long.
constexpr auto kReadTimeout = std::chrono::seconds(60);

// Whether a Sec-WebSocket-Protocol list ("a, b") names `protocol` exactly.
bool offersProtocol(std::string_view list, std::string_view protocol) {
    while (!list.empty()) {
        auto comma = list.find(',');
        std::string_view item = list.substr(0, comma);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (item == protocol) return true;
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return false;
}
} // namespace

HttpResponse makeResponse(const HttpRequest &request, http::status status, std::string content_type,
                          std::string body) {
    HttpResponse res{status, request.version()};
    res.set(http::field::server, "Portunus");
    res.set(http::field::content_type, content_type);
    res.keep_alive(request.keep_alive());
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

HttpConnection::HttpConnection(boost::asio::ip::tcp::socket socket, HttpHandler &http, WebSocketHandler &ws,
                               ConnectionSet &set, HttpLimits limits)
    : stream_(std::move(socket)), http_(http), ws_(ws), set_(set), limits_(limits) {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    remote_ = ec ? "?" : ep.address().to_string() + ":" + std::to_string(ep.port());
}

void HttpConnection::start() {
    set_.add(shared_from_this());
    read();
}

void HttpConnection::read() {
    parser_.emplace();
    parser_->body_limit(limits_.max_body_bytes);
    parser_->header_limit(16 * 1024);
    stream_.expires_after(kReadTimeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) { self->onRead(ec); });
}

void HttpConnection::onRead(beast::error_code ec) {
    if (ec == http::error::body_limit) {
        PLOG_WARN("transport", {}, "request from {} over the {} byte body limit refused", remote_,
                  limits_.max_body_bytes);
        refuse(http::status::payload_too_large, "request body too large");
        return;
    }
    if (ec) {
        if (ec != http::error::end_of_stream && ec != beast::error::timeout && ec != boost::asio::error::operation_aborted)
            PLOG_DEBUG("transport", {}, "connection from {}: {}", remote_, ec.message());
        set_.remove(this);
        stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
        return;
    }
    request_ = parser_->release();
    if (beast::websocket::is_upgrade(request_)) {
        std::string wanted(request_[http::field::sec_websocket_protocol]);
        if (!wanted.empty() && !offersProtocol(wanted, ws_.subprotocol())) {
            refuse(http::status::bad_request, std::string("unsupported WebSocket subprotocol; use ") + ws_.subprotocol());
            return;
        }
        set_.remove(this);
        auto ws = std::make_shared<WebSocketConnection>(std::move(stream_), ws_, set_, limits_.max_body_bytes, remote_);
        ws->accept(std::move(request_));
        return;
    }
    stream_.expires_never(); // the handler may answer later (long-poll)
    auto self = shared_from_this();
    auto executor = stream_.get_executor();
    http_.onHttpRequest(request_, remote_, [self, executor](HttpResponse res) {
        boost::asio::post(executor, [self, res = std::move(res)]() mutable { self->write(std::move(res)); });
    });
}

void HttpConnection::write(HttpResponse response) {
    auto res = std::make_shared<HttpResponse>(std::move(response));
    http::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec, size_t) {
        if (ec || !res->keep_alive()) {
            self->set_.remove(self.get());
            self->stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
            return;
        }
        self->read();
    });
}

void HttpConnection::refuse(http::status status, std::string reason) {
    HttpRequest dummy;
    dummy.version(11);
    dummy.keep_alive(false);
    write(makeResponse(dummy, status, "text/plain", reason + "\n"));
}

void HttpConnection::close() {
    boost::asio::post(stream_.get_executor(), [self = shared_from_this()] {
        beast::error_code ec;
        self->stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
        self->stream_.close();
    });
}

} // namespace portunus
