// One WebSocket client: reads text messages for its handler and sends events
// (it is the EventSink of the sessions it created).
#pragma once

#include "session/event_sink.hpp"
#include "transport/connection_set.hpp"
#include "transport/http_types.hpp"

#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <deque>
#include <memory>
#include <string>

namespace portunus {

class WebSocketConnection : public EventSink,
                            public Closable,
                            public std::enable_shared_from_this<WebSocketConnection> {
public:
    WebSocketConnection(boost::beast::tcp_stream stream, WebSocketHandler &handler, ConnectionSet &set,
                        size_t max_message_bytes, std::string remote);
    // Completes the upgrade of `request` and starts reading.
    void accept(HttpRequest request);

    void sendEvent(std::string json) override;
    void close() override;
    const std::string &remote() const { return remote_; }

private:
    void read();
    void write();
    void closeNow();
    void closed();

    boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
    WebSocketHandler &handler_;
    ConnectionSet &set_;
    std::string remote_;
    boost::beast::flat_buffer buffer_;
    std::deque<std::string> outbox_;
    bool closing_ = false;
    bool closed_ = false;
};

} // namespace portunus
