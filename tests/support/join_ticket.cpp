#include "support/join_ticket.hpp"

#include "auth/jwt.hpp"
#include "support/janus_client.hpp"
#include "support/json.hpp"

#include <atomic>
#include <chrono>

namespace portunus::test {

namespace {
int64_t unixNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}
} // namespace

std::string ticketAuthObject(const std::string &extra) {
    std::string object = Json()
                             .set("mode", "ticket")
                             .set("ticket_secret", kTicketSecret)
                             .set("server_id", kTicketServerId)
                             .set("session_token_secret", kSessionTokenSecret)
                             .text();
    if (!extra.empty()) object = object.substr(0, object.size() - 1) + "," + extra + "}";
    return object;
}

std::string ticketAuthConfig() { return Json().setRaw("auth", ticketAuthObject()).text(); }

std::string makeSessionToken(const std::string &user, const std::string &channels_json, int64_t expires_in_s,
                             const std::string &secret) {
    Json claims = Json().set("sub", user).setRaw("exp", std::to_string(unixNow() + expires_in_s)).setRaw("channels", channels_json);
    return auth::signJwt(claims.text(), secret);
}

std::string makeTicket(const TicketFields &f) {
    static std::atomic<int> counter{0};
    int64_t now = unixNow();
    std::string permissions = "[";
    for (const auto &p : f.permissions) permissions += (permissions.size() > 1 ? ",\"" : "\"") + p + "\"";
    permissions += "]";
    Json claims = Json()
                      .set("server_id", f.server_id)
                      .set("channel_id", f.channel_id)
                      .set("user_uid", f.user_uid)
                      .set("device_id", f.device_id)
                      .setRaw("permissions", permissions)
                      .setRaw("exp", std::to_string(now + f.expires_in_s))
                      .set("jti", f.jti.empty() ? "test-" + std::to_string(now) + "-" + std::to_string(++counter)
                                                : f.jti);
    return auth::signJwt(claims.text(), f.secret);
}

Json moderate(const ServerProcess &server, const std::string &channel_id, const std::string &action,
              const std::string &user_uid, uint64_t duration_s) {
    AdminClient admin(Transport::http, server);
    Json r = janusRequest("moderate").set("action", action).set("channel_id", channel_id);
    if (!user_uid.empty()) r.set("user_uid", user_uid);
    if (duration_s) r.set("duration_s", duration_s);
    return admin.requestWithSecret(r);
}

HttpResult requestJoinTicket(const ServerProcess &server, const std::string &channel, const std::string &session_token,
                             const std::string &source) {
    HttpOptions options{.source_address = source};
    if (!session_token.empty()) options.headers["Authorization"] = "Bearer " + session_token;
    return httpRequest(server.clientHttpPort(), "POST", "/v1/rtc/channels/" + channel + "/join-ticket", "", kEventTimeout,
                       options);
}

} // namespace portunus::test
