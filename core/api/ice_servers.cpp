#include "api/ice_servers.hpp"

#include "auth/turn_credentials.hpp"

#include <chrono>

namespace portunus::api {

namespace {
rapidjson::Value urlList(const std::vector<std::string> &urls, Allocator &a) {
    rapidjson::Value list(rapidjson::kArrayType);
    for (const auto &u : urls) list.PushBack(str(u, a), a);
    return list;
}
} // namespace

rapidjson::Value iceServers(const config::CoreConfig &config, std::string_view user, int64_t now, bool with_turn,
                            Allocator &a) {
    rapidjson::Value servers(rapidjson::kArrayType);
    if (!config.rtc.stun_urls.empty()) {
        rapidjson::Value stun(rapidjson::kObjectType);
        stun.AddMember("urls", urlList(config.rtc.stun_urls, a), a);
        servers.PushBack(stun, a);
    }
    if (with_turn && !config.rtc.turn_urls.empty()) {
        auto c = auth::turnCredential(config.rtc.turn_secret, user, now, config.rtc.turn_ttl_s);
        rapidjson::Value turn(rapidjson::kObjectType);
        turn.AddMember("urls", urlList(config.rtc.turn_urls, a), a);
        turn.AddMember("username", str(c.username, a), a);
        turn.AddMember("credential", str(c.credential, a), a);
        turn.AddMember("expires_at", c.expires_at, a);
        servers.PushBack(turn, a);
    }
    return servers;
}

int64_t unixNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

} // namespace portunus::api
