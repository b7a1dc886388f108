// SessionLogs: the server's log of a full session at debug level — a join
// ticket bought with a session token and presented on attach, a replayed
// ticket, TURN credentials, an echotest call over ICE/DTLS-SRTP, admin
// requests with the right and a wrong secret — names no secret (tickets,
// session token, admin secrets, ICE passwords, TURN credentials, the
// configured keys), while the handle's lines carry session_id, handle_id,
// user_uid, device_id and channel_id as JSON fields.
#include "auth/jwt.hpp"
#include "support/http_client.hpp"
#include "support/janus_client.hpp"
#include "support/join_ticket.hpp"
#include "support/server_process.hpp"
#include "support/webrtc_client.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <map>

namespace portunus::test {
namespace {

constexpr const char *kTurnSecret = "turn-secret-for-the-redaction-test";
constexpr const char *kWrongAdminSecret = "wrong-admin-secret-in-the-redaction-test";

ServerOptions debugTicketServer() {
    ServerOptions options;
    options.overrides =
        Json()
            .setRaw("general", R"({"log_level": "debug", "log_format": "json"})")
            .setRaw("auth", ticketAuthObject())
            .setRaw("rtc", Json()
                               .setRaw("turn_urls", R"(["turn:127.0.0.1:3478?transport=udp"])")
                               .set("turn_secret", kTurnSecret)
                               .text())
            .setRaw("media", R"({"ice": {"interfaces": ["127.0.0.1"]}})")
            .text();
    return options;
}

TEST(SessionLogs, AFullSessionLogsNoSecretAndNamesWhoActed) {
    ServerProcess server(debugTicketServer());
    std::map<std::string, std::string> secrets = {
        {"admin secret", ServerProcess::kAdminSecret}, {"wrong admin secret", kWrongAdminSecret},
        {"ticket secret", kTicketSecret},              {"session token secret", kSessionTokenSecret},
        {"TURN secret", kTurnSecret}};

    int64_t now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    std::string token = auth::signJwt(Json()
                                          .set("sub", "ann")
                                          .set("device_id", "phone-1")
                                          .setRaw("exp", std::to_string(now + 300))
                                          .setRaw("channels", R"({"room-7": ["speak", "video"]})")
                                          .text(),
                                      kSessionTokenSecret);
    secrets["session token"] = token;
    HttpResult minted = requestJoinTicket(server, "room-7", token);
    ASSERT_EQ(minted.status, 200) << minted.body;
    Json answer = Json::parse(minted.body);
    std::string ticket = answer.str("/ticket");
    secrets["join ticket"] = ticket;
    secrets["TURN credential"] = answer.str("/ice_servers/0/credential");
    ASSERT_FALSE(secrets["TURN credential"].empty()) << answer;

    uint64_t session = 0, handle = 0;
    {
        ClientOptions options;
        options.ticket = ticket;
        WebRtcClient client(options);
        client.connect(server.clientWsPort());
        session = client.sessionId();
        handle = client.handleId();
        MediaOptions media;
        media.video_packets = 100;
        client.startMedia(media);
        ASSERT_TRUE(client.waitFor([](const ClientStats &s) { return s.video.received >= 100; }, kEventTimeout))
            << client.stats().summary();
        auto [ours, theirs] = client.icePasswords();
        secrets["client ICE password"] = ours;
        secrets["server ICE password"] = theirs;

        // The same ticket again is refused, and the refusal is logged.
        auto other = JanusClient::connect(Transport::http, server);
        EXPECT_THROW(other->attach(other->createSession(), "janus.plugin.echotest", ticket), std::exception);

        AdminClient admin(Transport::http, server);
        EXPECT_EQ(admin.requestWithSecret(janusRequest("list_sessions")).str("/janus"), "success");
        EXPECT_EQ(admin.request(janusRequest("list_sessions").set("admin_secret", kWrongAdminSecret)).str("/janus"),
                  "error");
        Json admin_minted = admin.requestWithSecret(
            janusRequest("mint_join_ticket").set("channel_id", "room-7").set("user_uid", "bob"));
        secrets["admin-minted ticket"] = admin_minted.str("/ticket");
        ASSERT_FALSE(secrets["admin-minted ticket"].empty()) << admin_minted;
    } // the client hangs up and destroys its session
    ASSERT_TRUE(server.waitForLog(R"("session_id":)" + std::to_string(session) + R"(.*"msg":"destroyed")"));

    std::string log = server.log();
    ASSERT_NE(log.find("was used already"), std::string::npos) << "the replay's refusal should be in the log:\n" << log;
    for (const auto &[what, secret] : secrets) {
        ASSERT_GE(secret.size(), 8u) << what;
        EXPECT_EQ(log.find(secret), std::string::npos) << "the log names the " << what << ":\n" << log;
    }

    // Every line is a JSON object; the handle's lines say who acted where.
    size_t handle_lines = 0, pc_lines = 0;
    for (const std::string &line : server.logLines()) {
        Json entry = Json::parse(line);
        if (!entry.has("/handle_id") || entry.u64("/handle_id") != handle) continue;
        ++handle_lines;
        EXPECT_EQ(entry.u64("/session_id"), session) << line;
        EXPECT_EQ(entry.str("/user_uid"), "ann") << line;
        EXPECT_EQ(entry.str("/device_id"), "phone-1") << line;
        EXPECT_EQ(entry.str("/channel_id"), "room-7") << line;
        if (entry.str("/component") == "pc") ++pc_lines;
    }
    EXPECT_GE(handle_lines, 3u) << log; // attached, PeerConnection up and closed, detached
    EXPECT_GE(pc_lines, 2u) << log;
}

} // namespace
} // namespace portunus::test
