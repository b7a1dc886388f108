#include "support/join_ticket.hpp"

#include "auth/jwt.hpp"
#include "support/json.hpp"

#include <atomic>
#include <chrono>

namespace portunus::test {

std::string ticketAuthConfig() {
    return Json()
        .setRaw("auth", Json().set("mode", "ticket").set("ticket_secret", kTicketSecret).set("server_id", kTicketServerId).text())
        .text();
}

std::string makeTicket(const TicketFields &f) {
    static std::atomic<int> counter{0};
    auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
    std::string permissions = "[";
    for (const auto &p : f.permissions) permissions += (permissions.size() > 1 ? ",\"" : "\"") + p + "\"";
    permissions += "]";
    Json claims = Json()
                      .set("server_id", f.server_id)
                      .set("channel_id", f.channel_id)
                      .set("user_uid", f.user_uid)
                      .set("device_id", f.device_id)
                      .setRaw("permissions", permissions)
                      .setRaw("exp", std::to_string(now.count() + f.expires_in_s))
                      .set("jti", f.jti.empty() ? "test-" + std::to_string(now.count()) + "-" + std::to_string(++counter)
                                                : f.jti);
    return auth::signJwt(claims.text(), f.secret);
}

} // namespace portunus::test
