#include "transport/websocket_connection.hpp"

#include "observe/log.hpp"

#include <boost/asio/post.hpp>

namespace portunus {

namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;

WebSocketConnection::WebSocketConnection(beast::tcp_stream stream, WebSocketHandler &handler, ConnectionSet &set,
                                         size_t max_message_bytes, std::string remote)
    : ws_(std::move(stream)), handler_(handler), set_(set), remote_(std::move(remote)) {
    ws_.read_message_max(max_message_bytes);
}

void WebSocketConnection::accept(HttpRequest request) {
    beast::get_lowest_layer(ws_).expires_never();
    // Pings an idle peer and drops one that stops answering: a dead client's
    // sessions end without waiting for their keepalive timeout.
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    // Answer with our protocol when the client offered it (among others or alone).
    bool offered = !request[beast::http::field::sec_websocket_protocol].empty();
    ws_.set_option(websocket::stream_base::decorator([offered, protocol = std::string(handler_.subprotocol())](
                                                         websocket::response_type &res) {
        res.set(beast::http::field::server, "Portunus");
        if (offered) res.set(beast::http::field::sec_websocket_protocol, protocol);
    }));
    auto self = shared_from_this();
    set_.add(self);
    ws_.async_accept(request, [self](beast::error_code ec) {
        if (ec) {
            self->closed();
            return;
        }
        PLOG_DEBUG("transport", {}, "websocket from {} open", self->remote_);
        self->read();
    });
}

void WebSocketConnection::read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, size_t) {
        if (ec) {
            if (ec == websocket::error::message_too_big)
                PLOG_WARN("transport", {}, "websocket from {}: message over the size limit, closing", self->remote_);
            self->closed();
            return;
        }
        std::string text = beast::buffers_to_string(self->buffer_.data());
        self->buffer_.consume(self->buffer_.size());
        self->handler_.onWebSocketMessage(self, std::move(text));
        self->read();
    });
}

void WebSocketConnection::sendEvent(std::string json) {
    boost::asio::post(ws_.get_executor(), [self = shared_from_this(), json = std::move(json)]() mutable {
        if (self->closed_) return;
        self->outbox_.push_back(std::move(json));
        if (self->outbox_.size() == 1) self->write();
    });
}

void WebSocketConnection::write() {
    ws_.text(true);
    ws_.async_write(boost::asio::buffer(outbox_.front()), [self = shared_from_this()](beast::error_code ec, size_t) {
        if (ec) {
            self->closed();
            return;
        }
        self->outbox_.pop_front();
        if (!self->outbox_.empty()) self->write();
        else if (self->closing_) self->closeNow();
    });
}

void WebSocketConnection::close() {
    boost::asio::post(ws_.get_executor(), [self = shared_from_this()] {
        if (self->closed_ || self->closing_) return;
        self->closing_ = true;
        // Events already queued (e.g. "detached" at shutdown) go out first.
        if (self->outbox_.empty()) self->closeNow();
    });
}

void WebSocketConnection::closeNow() {
    if (!ws_.is_open()) {
        closed();
        return;
    }
    ws_.async_close(websocket::close_code::going_away, [self = shared_from_this()](beast::error_code) { self->closed(); });
}

void WebSocketConnection::closed() {
    if (closed_) return;
    closed_ = true;
    outbox_.clear();
    set_.remove(this);
    PLOG_DEBUG("transport", {}, "websocket from {} closed", remote_);
    handler_.onWebSocketClosed(*this);
}

} // namespace portunus
