// A blocking WebSocket client over loopback (Boost.Beast) with a settable
// subprotocol. A background thread reads every message into an inbox, so
// receive() waits for an event (a message or the close) with a safety timeout
// and never polls.
#pragma once

#include "support/timeouts.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace portunus::test {

class WsClient {
public:
    // Connects and handshakes; throws on failure (refused subprotocol included).
    WsClient(uint16_t port, const std::string &subprotocol, const std::string &target = "/");
    ~WsClient(); // closes politely when still open
    WsClient(const WsClient &) = delete;
    WsClient &operator=(const WsClient &) = delete;

    // Sends one text message; false when the write failed (e.g. the socket is closed).
    bool send(const std::string &text);

    // The oldest unread message; nullopt when the socket closed with nothing
    // left to read, or after `timeout`.
    std::optional<std::string> receive(std::chrono::milliseconds timeout = kEventTimeout);
    // The oldest unread message for which `match` is true; messages skipped stay
    // in the inbox, in order, for later receive() calls.
    std::optional<std::string> receiveWhere(const std::function<bool(const std::string &)> &match,
                                            std::chrono::milliseconds timeout = kEventTimeout);

    // Waits until the server has closed the connection (or it failed).
    bool waitClosed(std::chrono::milliseconds timeout = kEventTimeout);
    bool closed() const;
    // Why the connection ended (beast's error message), once closed.
    std::string closeReason() const;
    // The Sec-WebSocket-Protocol the server answered with.
    const std::string &subprotocol() const { return subprotocol_; }

    // Close handshake from this side; returns once it is done (or failed).
    void close();
    // Cuts the TCP connection without a goodbye (no close frame; RST), as a
    // crashed client or a dropped network looks to the server.
    void abort();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::string subprotocol_;
};

} // namespace portunus::test
