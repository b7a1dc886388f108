#include "permissions.hpp"

#include "ticket_claims.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace portunus::sfu {

namespace {

bool isScreenShare(std::string_view description) {
    std::string lower(description);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    return lower.find("screen") != std::string::npos;
}

} // namespace

bool mayJoin(std::string_view claims_json, uint64_t room_id) {
    auto claims = plugins::parseTicketClaims(claims_json);
    return !claims || claims->channel_id == std::to_string(room_id);
}

bool mayPublish(std::string_view claims_json, MediaKind kind, std::string_view description) {
    auto claims = plugins::parseTicketClaims(claims_json);
    if (!claims) return true;
    if (kind == MediaKind::data) return true;
    if (kind == MediaKind::audio) return claims->allows("speak");
    return claims->allows(isScreenShare(description) ? "screenshare" : "video");
}

bool mayModerate(std::string_view claims_json) {
    auto claims = plugins::parseTicketClaims(claims_json);
    return !claims || claims->allows("moderate");
}

} // namespace portunus::sfu
