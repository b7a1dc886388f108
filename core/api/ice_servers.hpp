// The ICE servers a client should use, as RTCPeerConnection's iceServers
// takes them: STUN URLs, and TURN URLs with ephemeral credentials for `user`.
#pragma once

#include "api/json.hpp"
#include "config/core_config.hpp"

#include <cstdint>
#include <string_view>

namespace portunus::api {

// with_turn false: STUN only (a caller not entitled to relay credentials).
rapidjson::Value iceServers(const config::CoreConfig &config, std::string_view user, int64_t now, bool with_turn,
                            Allocator &a);

int64_t unixNow();

} // namespace portunus::api
