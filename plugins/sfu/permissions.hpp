// What a handle's join-ticket claims let it do in the sfu. Without claims
// everything is allowed (rooms keep their own pin, token and secret); with
// them, only the room whose id is the ticket's channel_id, audio needs
// "speak", video "video", a stream described as a screen share
// "screenshare", and moderation requests "moderate".
#pragma once

#include "media_kind.hpp"

#include <cstdint>
#include <string_view>

namespace portunus::sfu {

// claims_json: the handle's claims object as JSON text, empty when it has none.

bool mayJoin(std::string_view claims_json, uint64_t room_id);
bool mayPublish(std::string_view claims_json, MediaKind kind, std::string_view description);
bool mayModerate(std::string_view claims_json);

} // namespace portunus::sfu
