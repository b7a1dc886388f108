// Where a session's events go when a persistent transport (a WebSocket) owns it.
#pragma once

#include <string>

namespace portunus {

class EventSink {
public:
    virtual ~EventSink() = default;
    // Sends one JSON message; safe from any thread, never blocks.
    virtual void sendEvent(std::string json) = 0;
};

} // namespace portunus
