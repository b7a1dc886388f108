#include "support/ws_client.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <future>
#include <stdexcept>

namespace portunus::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

struct WsClient::Impl {
    asio::io_context io;
    websocket::stream<beast::tcp_stream> ws{io};
    asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
    beast::flat_buffer buffer;
    std::thread thread;

    mutable std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::string> inbox;
    bool closed = false;
    std::string close_reason;

    void read() {
        ws.async_read(buffer, [this](beast::error_code ec, size_t) {
            std::lock_guard lock(mutex);
            if (ec) {
                closed = true;
                close_reason = ec.message();
                if (ws.reason().code != websocket::close_code::none)
                    close_reason += " (close code " + std::to_string(ws.reason().code) + ")";
                changed.notify_all();
                return;
            }
            inbox.push_back(beast::buffers_to_string(buffer.data()));
            buffer.consume(buffer.size());
            changed.notify_all();
            read();
        });
    }

    // Runs `op` on the I/O thread; it must call the handler exactly once.
    beast::error_code onIoThread(std::function<void(std::function<void(beast::error_code)>)> op) {
        auto done = std::make_shared<std::promise<beast::error_code>>();
        auto result = done->get_future();
        asio::post(io, [op = std::move(op), done] { op([done](beast::error_code ec) { done->set_value(ec); }); });
        if (result.wait_for(kEventTimeout) != std::future_status::ready)
            throw std::runtime_error("WebSocket operation did not complete in time");
        return result.get();
    }
};

WsClient::WsClient(uint16_t port, const std::string &subprotocol, const std::string &target)
    : impl_(std::make_unique<Impl>()) {
    auto &ws = impl_->ws;
    beast::get_lowest_layer(ws).expires_after(kEventTimeout);
    beast::get_lowest_layer(ws).connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    ws.set_option(websocket::stream_base::decorator([subprotocol](websocket::request_type &req) {
        req.set(beast::http::field::user_agent, "portunus-tests");
        if (!subprotocol.empty()) req.set(beast::http::field::sec_websocket_protocol, subprotocol);
    }));
    websocket::response_type res;
    beast::error_code ec;
    ws.handshake(res, "127.0.0.1:" + std::to_string(port), target, ec);
    if (ec)
        throw std::runtime_error("WebSocket handshake on port " + std::to_string(port) + " with subprotocol '" +
                                 subprotocol + "' failed: " + ec.message() + " (HTTP " +
                                 std::to_string(res.result_int()) + ": " + res.body() + ")");
    subprotocol_ = std::string(res[beast::http::field::sec_websocket_protocol]);
    beast::get_lowest_layer(ws).expires_never();
    ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
    ws.read_message_max(64 * 1024 * 1024);
    impl_->read();
    impl_->thread = std::thread([io = &impl_->io] { io->run(); });
}

WsClient::~WsClient() {
    try {
        close();
    } catch (...) {
    }
    impl_->work.reset();
    impl_->io.stop();
    if (impl_->thread.joinable()) impl_->thread.join();
}

bool WsClient::send(const std::string &text) {
    if (closed()) return false;
    auto message = std::make_shared<std::string>(text);
    auto ec = impl_->onIoThread([this, message](auto done) {
        impl_->ws.text(true);
        impl_->ws.async_write(asio::buffer(*message), [message, done](beast::error_code e, size_t) { done(e); });
    });
    return !ec;
}

std::optional<std::string> WsClient::receive(std::chrono::milliseconds timeout) {
    return receiveWhere([](const std::string &) { return true; }, timeout);
}

std::optional<std::string> WsClient::receiveWhere(const std::function<bool(const std::string &)> &match,
                                                  std::chrono::milliseconds timeout) {
    std::unique_lock lock(impl_->mutex);
    std::optional<std::string> found;
    size_t next = 0;
    impl_->changed.wait_for(lock, timeout, [&] {
        for (; next < impl_->inbox.size(); ++next)
            if (match(impl_->inbox[next])) {
                found = std::move(impl_->inbox[next]);
                impl_->inbox.erase(impl_->inbox.begin() + static_cast<std::ptrdiff_t>(next));
                return true;
            }
        return impl_->closed;
    });
    return found;
}

bool WsClient::waitClosed(std::chrono::milliseconds timeout) {
    std::unique_lock lock(impl_->mutex);
    return impl_->changed.wait_for(lock, timeout, [&] { return impl_->closed; });
}

bool WsClient::closed() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->closed;
}

std::string WsClient::closeReason() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->close_reason;
}

void WsClient::close() {
    if (closed()) return;
    impl_->onIoThread([this](auto done) {
        if (!impl_->ws.is_open()) return done({});
        impl_->ws.async_close(websocket::close_code::normal, [done](beast::error_code e) { done(e); });
    });
    waitClosed();
}

void WsClient::abort() {
    if (closed()) return;
    impl_->onIoThread([this](auto done) {
        auto &socket = beast::get_lowest_layer(impl_->ws).socket();
        beast::error_code ec;
        socket.set_option(asio::socket_base::linger(true, 0), ec); // close sends RST, not FIN
        socket.close(ec);
        done(ec);
    });
    waitClosed();
}

} // namespace portunus::test
