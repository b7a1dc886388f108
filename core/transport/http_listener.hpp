// A TCP listener serving HTTP and WebSocket on one port; each accepted
// connection lives on the next loop of the pool.
#pragma once

#include "transport/connection_set.hpp"
#include "transport/http_connection.hpp"

#include <boost/asio/ip/tcp.hpp>

#include <string>

namespace portunus {

class LoopPool;

class HttpListener {
public:
    HttpListener(std::string name, LoopPool &loops, HttpHandler &http, WebSocketHandler &ws, HttpLimits limits);
    // Binds and listens; false + error when the address is unusable.
    bool start(const std::string &bind, uint16_t port, std::string &error);
    void stop();
    uint16_t port() const { return port_; }
    const std::string &name() const { return name_; }

private:
    void accept();

    std::string name_;
    LoopPool &loops_;
    HttpHandler &http_;
    WebSocketHandler &ws_;
    HttpLimits limits_;
    boost::asio::ip::tcp::acceptor acceptor_;
    ConnectionSet connections_;
    uint16_t port_ = 0;
    // Connections go round the loops on a count of their own: sharing
    // LoopPool::next() with handles, a client that connects and attaches in
    // turn would put every connection on one loop and every handle on another.
    size_t next_loop_ = 0; // the control loop's

};

} // namespace portunus
