// What every PeerConnection of the server shares: the DTLS identity, the
// ICE settings (fixed at start-up) and the server's metrics.
#pragma once

#include "net/ice_config.hpp"

namespace portunus {

class Metrics;
class Webhooks;

namespace net {
class DtlsContext;
}

struct MediaContext {
    const net::DtlsContext *dtls = nullptr;
    net::IceConfig ice;
    Metrics *metrics = nullptr;   // null in tests without a server
    Webhooks *webhooks = nullptr; // likewise
};

} // namespace portunus
