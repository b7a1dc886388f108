// RequestLimits: token buckets per client address, per session and per
// handle, and caps on sessions and handles; each refusal with its own code,
// and one address's flood leaves another address served.
#include "support/http_client.hpp"
#include "support/janus_client.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

namespace portunus::test {
namespace {

ServerOptions limited(const std::string &limits) {
    ServerOptions options;
    options.overrides = R"({"limits": )" + limits + "}";
    return options;
}

// POSTs `request` to /janus[/session[/handle]] from `source`; the reply.
Json post(const ServerProcess &server, const Json &request, const std::string &source = "127.0.0.1",
          uint64_t session = 0, uint64_t handle = 0) {
    std::string path = "/janus";
    if (session) path += "/" + std::to_string(session);
    if (handle) path += "/" + std::to_string(handle);
    HttpOptions options{.source_address = source};
    return Json::parse(httpRequest(server.clientHttpPort(), "POST", path, request.text(), kEventTimeout, options).body);
}

TEST(RequestLimits, FloodFromOneAddressIsRefusedWhileAnotherPasses) {
    ServerProcess server(limited(R"({"requests_per_minute_ip": 5})"));
    for (int i = 0; i < 5; ++i) ASSERT_EQ(post(server, janusRequest("info")).janus(), "server_info") << i;
    for (int i = 0; i < 3; ++i) {
        Json refused = post(server, janusRequest("info"));
        EXPECT_EQ(refused.janus(), "error") << refused;
        EXPECT_EQ(refused.errorCode(), 480) << refused;
    }
    EXPECT_EQ(post(server, janusRequest("info"), "127.0.0.2").janus(), "server_info");
}

TEST(RequestLimits, NewSessionsPerAddress) {
    ServerProcess server(limited(R"({"sessions_per_minute_ip": 2})"));
    EXPECT_EQ(post(server, janusRequest("create")).janus(), "success");
    EXPECT_EQ(post(server, janusRequest("create")).janus(), "success");
    EXPECT_EQ(post(server, janusRequest("create")).errorCode(), 481);
    EXPECT_EQ(post(server, janusRequest("info")).janus(), "server_info"); // other requests still pass
    EXPECT_EQ(post(server, janusRequest("create"), "127.0.0.2").janus(), "success");
}

TEST(RequestLimits, RequestsPerSessionAndPerHandle) {
    ServerProcess server(limited(R"({"requests_per_minute_session": 4, "requests_per_minute_handle": 2})"));
    auto client = JanusClient::connect(Transport::http, server);
    uint64_t session = client->createSession();
    uint64_t handle = client->attach(session); // 1 in the session
    auto message = [&] { return client->request(janusRequest("message").set("body", Json().set("audio", true)), session, handle); };
    EXPECT_EQ(message().janus(), "ack"); // 2 in the session, 1 on the handle
    EXPECT_EQ(message().janus(), "ack"); // 3, 2
    Json handle_refused = message();
    EXPECT_EQ(handle_refused.errorCode(), 483) << handle_refused; // 4
    Json session_refused = client->request(janusRequest("keepalive"), session);
    EXPECT_EQ(session_refused.errorCode(), 482) << session_refused;
    uint64_t other = client->createSession(); // another session has its own bucket
    EXPECT_EQ(client->request(janusRequest("keepalive"), other).janus(), "ack");
}

TEST(RequestLimits, SessionAndHandleCaps) {
    ServerProcess server(limited(R"({"max_sessions": 1, "max_handles_per_session": 1})"));
    auto client = JanusClient::connect(Transport::websocket, server);
    uint64_t session = client->createSession();
    EXPECT_EQ(client->request(janusRequest("create")).errorCode(), 484);
    client->attach(session);
    Json attach = client->request(janusRequest("attach").set("plugin", "janus.plugin.echotest"), session);
    EXPECT_EQ(attach.errorCode(), 485) << attach;
    EXPECT_EQ(client->request(janusRequest("destroy"), session).janus(), "success");
    EXPECT_GT(client->createSession(), 0u); // the slot is free again
}

} // namespace
} // namespace portunus::test
