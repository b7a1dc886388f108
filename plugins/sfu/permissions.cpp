#include "permissions.hpp"

#include <rapidjson/document.h>

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

bool granted(const rapidjson::Value &permissions, std::string_view name) {
    for (const auto &p : permissions.GetArray())
        if (p.IsString() && name == std::string_view(p.GetString(), p.GetStringLength())) return true;
    return false;
}

} // namespace

bool mayJoin(std::string_view claims_json, uint64_t room_id) {
    if (claims_json.empty()) return true;
    rapidjson::Document claims;
    claims.Parse(claims_json.data(), claims_json.size());
    if (claims.HasParseError() || !claims.IsObject()) return false;
    auto it = claims.FindMember("channel_id");
    return it != claims.MemberEnd() && it->value.IsString() && it->value.GetString() == std::to_string(room_id);
}

bool mayPublish(std::string_view claims_json, MediaKind kind, std::string_view description) {
    if (claims_json.empty()) return true;
    rapidjson::Document claims;
    claims.Parse(claims_json.data(), claims_json.size());
    if (claims.HasParseError() || !claims.IsObject()) return false;
    auto it = claims.FindMember("permissions");
    if (it == claims.MemberEnd() || !it->value.IsArray()) return false;
    if (kind == MediaKind::data) return true;
    if (kind == MediaKind::audio) return granted(it->value, "speak");
    return granted(it->value, isScreenShare(description) ? "screenshare" : "video");
}

} // namespace portunus::sfu
