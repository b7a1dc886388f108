// Which room a handle's join-ticket claims let it join, and what they allow it to publish. Without claims
// everything is allowed; with them, audio needs "speak", video "video", and
// a stream described as a screen share "screenshare".
#pragma once

#include "media_kind.hpp"

#include <cstdint>
#include <string_view>

namespace portunus::sfu {

// claims_json: the handle's claims object as JSON text, empty when it has none.

// Without claims any room; with them, only the room whose id is the ticket's channel_id.
bool mayJoin(std::string_view claims_json, uint64_t room_id);
bool mayPublish(std::string_view claims_json, MediaKind kind, std::string_view description);

} // namespace portunus::sfu
