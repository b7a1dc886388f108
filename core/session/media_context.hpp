// What every PeerConnection of the server shares: the DTLS identity and the
// ICE settings, fixed at start-up.
#pragma once

#include "net/ice_config.hpp"

namespace portunus {

namespace net {
class DtlsContext;
}

struct MediaContext {
    const net::DtlsContext *dtls = nullptr;
    net::IceConfig ice;
};

} // namespace portunus
