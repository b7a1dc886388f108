// RtcApi: GET /client/capabilities (the rtc contract, TURN REST credentials)
// and POST /v1/rtc/channels/{id}/join-ticket (session token in, join ticket
// and ICE servers out, rate-limited per user and per IP), and the admin
// API's mint_join_ticket.
#include "auth/jwt.hpp"
#include "support/http_client.hpp"
#include "support/janus_client.hpp"
#include "support/join_ticket.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace portunus::test {
namespace {

constexpr const char *kTurnSecret = "turn-shared-secret";

std::string rtcConfig(unsigned turn_ttl_s = 600) {
    return Json()
        .setRaw("stun_urls", R"(["stun:127.0.0.1:3478"])")
        .setRaw("turn_urls", R"(["turn:127.0.0.1:3478?transport=udp"])")
        .set("turn_secret", kTurnSecret)
        .set("turn_ttl_s", static_cast<uint64_t>(turn_ttl_s))
        .set("signaling_url", "wss://rtc.example.org/")
        .text();
}

ServerOptions ticketServer(const std::string &auth_extra = "") {
    ServerOptions options;
    options.overrides = Json().setRaw("auth", ticketAuthObject(auth_extra)).setRaw("rtc", rtcConfig()).text();
    return options;
}

int64_t unixNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

HttpResult mint(const ServerProcess &server, const std::string &channel, const std::string &token,
                const std::string &source = "") {
    return requestJoinTicket(server, channel, token, source);
}

int64_t errorCodeOf(const HttpResult &r) { return Json::parse(r.body).i64("/error/code"); }

// The TURN entry of an ice_servers list checks out as TURN REST credentials for `user`.
void expectTurnCredentials(const Json &servers, const std::string &user, unsigned ttl_s) {
    ASSERT_EQ(servers.size(), 2u) << servers;
    EXPECT_EQ(servers.str("/0/urls/0"), "stun:127.0.0.1:3478");
    EXPECT_EQ(servers.str("/1/urls/0"), "turn:127.0.0.1:3478?transport=udp");
    std::string username = servers.str("/1/username");
    int64_t expiry = std::stoll(username.substr(0, username.find(':')));
    EXPECT_EQ(username.substr(username.find(':') + 1), user);
    EXPECT_EQ(servers.i64("/1/expires_at"), expiry);
    EXPECT_GT(expiry, unixNow() - 1);
    EXPECT_LE(expiry, unixNow() + ttl_s);
    EXPECT_EQ(servers.str("/1/credential"), auth::base64Encode(auth::hmacSha1(kTurnSecret, username)));
}

TEST(RtcApi, CapabilitiesDescribeTheContract) {
    ServerOptions options;
    options.overrides = Json().setRaw("rtc", rtcConfig()).text();
    options.plugin_configs["sfu"] = R"({"enabled": true})";
    ServerProcess server(options);
    HttpResult r = httpGet(server.clientHttpPort(), "/client/capabilities");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.headers["cache-control"], "no-store");
    Json rtc = Json::parse(r.body).at("/rtc");
    EXPECT_EQ(rtc.str("/protocol"), "janus");
    EXPECT_EQ(rtc.i64("/protocol_version"), 1);
    EXPECT_EQ(rtc.str("/signaling/url"), "wss://rtc.example.org/");
    EXPECT_EQ(rtc.str("/signaling/transports/0"), "websocket");
    EXPECT_EQ(rtc.str("/topologies/0"), "sfu");
    EXPECT_TRUE(rtc.boolean("/features/video"));
    EXPECT_TRUE(rtc.boolean("/features/screenshare"));
    EXPECT_TRUE(rtc.boolean("/features/simulcast"));
    EXPECT_EQ(rtc.str("/auth/mode"), "none");
    EXPECT_EQ(rtc.i64("/connection_policy/join_timeout_ms"), 15000);
    EXPECT_TRUE(rtc.boolean("/connection_policy/ice_restart"));
    EXPECT_EQ(rtc.size("/connection_policy/reconnect_backoff_ms"), 5u);
    // An open server (auth.mode "none") gives relay credentials to anyone.
    expectTurnCredentials(rtc.at("/ice_servers"), "anonymous", 600);
}

TEST(RtcApi, TicketModeGivesRelayCredentialsOnlyToSignedInUsers) {
    ServerProcess server(ticketServer());
    Json anonymous = Json::parse(httpGet(server.clientHttpPort(), "/client/capabilities").body);
    EXPECT_EQ(anonymous.str("/rtc/auth/mode"), "ticket");
    EXPECT_EQ(anonymous.size("/rtc/ice_servers"), 1u) << anonymous; // STUN only
    HttpOptions signed_in;
    signed_in.headers["Authorization"] = "Bearer " + makeSessionToken("bob", R"({"*": []})");
    Json bob = Json::parse(
        httpRequest(server.clientHttpPort(), "GET", "/client/capabilities", "", kEventTimeout, signed_in).body);
    expectTurnCredentials(bob.at("/rtc/ice_servers"), "bob", 600);
}

TEST(RtcApi, SessionTokenBuysATicketThatAttaches) {
    ServerProcess server(ticketServer());
    HttpResult r = mint(server, "1234", makeSessionToken("carol", R"({"1234": ["speak"]})"));
    ASSERT_EQ(r.status, 200) << r.body;
    Json answer = Json::parse(r.body);
    EXPECT_EQ(answer.str("/channel_id"), "1234");
    EXPECT_LE(answer.i64("/expires_at"), unixNow() + 60);
    expectTurnCredentials(answer.at("/ice_servers"), "carol", 600);

    std::string payload;
    ASSERT_EQ(auth::verifyJwt(answer.str("/ticket"), kTicketSecret, payload), auth::JwtStatus::ok);
    Json claims = Json::parse(payload);
    EXPECT_EQ(claims.str("/server_id"), kTicketServerId);
    EXPECT_EQ(claims.str("/user_uid"), "carol");
    EXPECT_EQ(claims.str("/permissions/0"), "speak");
    EXPECT_EQ(claims.size("/permissions"), 1u);

    auto client = JanusClient::connect(Transport::http, server);
    EXPECT_GT(client->attach(client->createSession(), "janus.plugin.echotest", answer.str("/ticket")), 0u);
}

TEST(RtcApi, TicketEndpointRefusals) {
    ServerProcess server(ticketServer());
    EXPECT_EQ(mint(server, "1234", "").status, 401);
    HttpResult forged = mint(server, "1234", makeSessionToken("dan", R"({"1234": []})", 300, "a-forged-secret-of-enough-length-000"));
    EXPECT_EQ(forged.status, 401) << forged.body;
    EXPECT_EQ(errorCodeOf(forged), 403);
    EXPECT_EQ(mint(server, "1234", makeSessionToken("dan", R"({"1234": []})", -5)).status, 401);
    HttpResult elsewhere = mint(server, "5678", makeSessionToken("dan", R"({"1234": []})"));
    EXPECT_EQ(elsewhere.status, 403) << elsewhere.body;
    EXPECT_EQ(mint(server, "bad%20id", makeSessionToken("dan", R"({"*": []})")).status, 400);
    EXPECT_EQ(httpGet(server.clientHttpPort(), "/v1/rtc/channels/1234/join-ticket").status, 405);
}

TEST(RtcApi, MintingIsRateLimitedPerUser) {
    ServerProcess server(ticketServer(R"("mint_per_minute_user": 2)"));
    std::string erin = makeSessionToken("erin", R"({"*": ["speak"]})");
    EXPECT_EQ(mint(server, "1", erin).status, 200);
    EXPECT_EQ(mint(server, "2", erin).status, 200);
    HttpResult refused = mint(server, "3", erin);
    EXPECT_EQ(refused.status, 429) << refused.body;
    EXPECT_EQ(errorCodeOf(refused), 479);
    EXPECT_EQ(mint(server, "3", makeSessionToken("frank", R"({"*": ["speak"]})")).status, 200);
}

TEST(RtcApi, MintingIsRateLimitedPerAddress) {
    ServerProcess server(ticketServer(R"("mint_per_minute_ip": 2)"));
    auto token = [](const std::string &user) { return makeSessionToken(user, R"({"*": ["speak"]})"); };
    EXPECT_EQ(mint(server, "1", token("u1"), "127.0.0.1").status, 200);
    EXPECT_EQ(mint(server, "1", token("u2"), "127.0.0.1").status, 200);
    HttpResult refused = mint(server, "1", token("u3"), "127.0.0.1");
    EXPECT_EQ(refused.status, 429) << refused.body;
    EXPECT_EQ(errorCodeOf(refused), 479);
    EXPECT_EQ(mint(server, "1", token("u4"), "127.0.0.2").status, 200);
}

TEST(RtcApi, AdminMintsTickets) {
    ServerProcess server(ticketServer());
    AdminClient admin(Transport::http, server);
    Json minted = admin.requestWithSecret(janusRequest("mint_join_ticket")
                                              .set("channel_id", "1234")
                                              .set("user_uid", "gina")
                                              .setRaw("permissions", R"(["speak", "video"])"));
    ASSERT_EQ(minted.janus(), "success") << minted;
    expectTurnCredentials(minted.at("/ice_servers"), "gina", 600);
    auto client = JanusClient::connect(Transport::websocket, server);
    EXPECT_GT(client->attach(client->createSession(), "janus.plugin.echotest", minted.str("/ticket")), 0u);
    Json missing = admin.requestWithSecret(janusRequest("mint_join_ticket").set("channel_id", "1234"));
    EXPECT_EQ(missing.errorCode(), 456) << missing;
}

} // namespace
} // namespace portunus::test
