// The Janus events the core itself sends a client about its session and
// handles (plugin events are built by the host's push_event).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace portunus::events {

std::string detached(uint64_t session, uint64_t handle);
std::string timeout(uint64_t session);
std::string hangup(uint64_t session, uint64_t handle, std::string_view reason);
std::string webrtcUp(uint64_t session, uint64_t handle);
std::string media(uint64_t session, uint64_t handle, std::string_view mid, std::string_view type, bool receiving);
std::string slowLink(uint64_t session, uint64_t handle, std::string_view mid, std::string_view type, bool uplink,
                     uint64_t lost);
// A local ICE candidate; an empty candidate means gathering completed.
std::string trickle(uint64_t session, uint64_t handle, std::string_view mid, uint16_t mindex,
                    std::string_view candidate);

} // namespace portunus::events
