#include "transport/http_listener.hpp"

#include "loop/loop_pool.hpp"
#include "observe/log.hpp"

#include <boost/asio/post.hpp>

#include <future>

namespace portunus {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

HttpListener::HttpListener(std::string name, LoopPool &loops, HttpHandler &http, WebSocketHandler &ws, HttpLimits limits)
    : name_(std::move(name)), loops_(loops), http_(http), ws_(ws), limits_(limits),
      acceptor_(loops.control().context()) {}

bool HttpListener::start(const std::string &bind, uint16_t port, std::string &error) {
    boost::system::error_code ec;
    auto address = asio::ip::make_address(bind == "localhost" ? "127.0.0.1" : bind, ec);
    if (ec) {
        error = "invalid bind address '" + bind + "'";
        return false;
    }
    tcp::endpoint endpoint(address, port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        error = "cannot listen on " + bind + ":" + std::to_string(port) + ": " + ec.message();
        return false;
    }
    port_ = acceptor_.local_endpoint().port();
    asio::post(acceptor_.get_executor(), [this] { accept(); });
    return true;
}

void HttpListener::accept() {
    Loop &loop = loops_.at(next_loop_++ % loops_.size());
    acceptor_.async_accept(loop.context(), [this, &loop](boost::system::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
        if (!ec) {
            socket.set_option(tcp::no_delay(true), ec);
            auto connection = std::make_shared<HttpConnection>(std::move(socket), http_, ws_, connections_, limits_);
            // From here on the connection is touched only by its own loop.
            asio::post(loop.context(), [connection] { connection->start(); });
        } else {
            PLOG_WARN("transport", {}, "{}: accept failed: {}", name_, ec.message());
        }
        accept();
    });
}

void HttpListener::stop() {
    std::promise<void> done;
    // The acceptor belongs to the control loop: close it there.
    asio::post(acceptor_.get_executor(), [this, &done] {
        boost::system::error_code ec;
        acceptor_.close(ec);
        done.set_value();
    });
    done.get_future().wait();
    connections_.closeAll();
}

} // namespace portunus
