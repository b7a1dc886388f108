// What a handle's join-ticket claims allow it to publish. Without claims
// everything is allowed; with them, audio needs "speak", video "video", and
// a stream described as a screen share "screenshare".
#pragma once

#include "media_kind.hpp"

#include <string_view>

namespace portunus::sfu {

// claims_json: the handle's claims object as JSON text, empty when it has none.
bool mayPublish(std::string_view claims_json, MediaKind kind, std::string_view description);

} // namespace portunus::sfu
