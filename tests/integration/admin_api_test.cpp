// The admin API with the right secret, over HTTP (POST /admin) and the
// WebSocket (subprotocol janus-admin-protocol): info, ping, get_status,
// list_sessions, list_handles, handle_info, list_plugins, set_log_level,
// message_plugin, destroy_session.
#include "support/expect.hpp"
#include "support/janus_client.hpp"
#include "support/server_process.hpp"

#include <portunus/plugin.h>

#include <gtest/gtest.h>

#include <optional>

#include <algorithm>

namespace portunus::test {
namespace {

std::vector<uint64_t> ids(const Json &reply, const char *pointer) {
    std::vector<uint64_t> out;
    for (const auto &id : reply.items(pointer)) out.push_back(id.u64(""));
    std::sort(out.begin(), out.end());
    return out;
}

class AdminApi : public ::testing::TestWithParam<Transport> {
protected:
    ServerProcess server;
    AdminClient admin{GetParam(), server};
    std::unique_ptr<JanusClient> client = JanusClient::connect(Transport::http, server);

    Json ask(Json request) {
        std::string tx = request.str("/transaction");
        Json reply = admin.requestWithSecret(std::move(request));
        EXPECT_EQ(reply.str("/transaction"), tx) << reply;
        return reply;
    }
    Json statsOfEchotest() {
        return ask(janusRequest("message_plugin")
                       .set("plugin", "portunus.plugin.echotest")
                       .setRaw("request", R"({"request": "stats"})"));
    }
};

TEST_P(AdminApi, Info) {
    Json reply = ask(janusRequest("info"));
    ASSERT_TRUE(isReply(reply, "server_info"));
    EXPECT_TRUE(reply.has("/plugins/portunus.plugin.echotest")) << reply;
}

TEST_P(AdminApi, Ping) { EXPECT_TRUE(isReply(ask(janusRequest("ping")), "pong")); }

TEST_P(AdminApi, GetStatus) {
    client->createSession();
    Json reply = ask(janusRequest("get_status"));
    ASSERT_TRUE(isReply(reply, "success"));
    EXPECT_EQ(reply.u64("/status/sessions"), 1u);
    EXPECT_EQ(reply.str("/status/log_level"), "info");
    EXPECT_EQ(reply.u64("/status/session_timeout"), 60u);
    EXPECT_GE(reply.u64("/status/loop_threads"), 1u);
}

TEST_P(AdminApi, ListSessions) {
    EXPECT_EQ(ask(janusRequest("list_sessions")).size("/sessions"), 0u);
    std::vector<uint64_t> created{client->createSession(), client->createSession()};
    std::sort(created.begin(), created.end());
    Json reply = ask(janusRequest("list_sessions"));
    ASSERT_TRUE(isReply(reply, "success"));
    EXPECT_EQ(ids(reply, "/sessions"), created);
}

TEST_P(AdminApi, ListHandles) {
    uint64_t session = client->createSession();
    std::vector<uint64_t> handles{client->attach(session), client->attach(session, "portunus.plugin.echotest")};
    std::sort(handles.begin(), handles.end());
    Json reply = ask(janusRequest("list_handles").set("session_id", session));
    ASSERT_TRUE(isReply(reply, "success"));
    EXPECT_EQ(reply.u64("/session_id"), session);
    EXPECT_EQ(ids(reply, "/handles"), handles);

    EXPECT_TRUE(isError(ask(janusRequest("list_handles")), 456));
    EXPECT_TRUE(isError(ask(janusRequest("list_handles").set("session_id", uint64_t(777))), 458));
}

TEST_P(AdminApi, HandleInfoHasTheEchotestState) {
    uint64_t session = client->createSession();
    uint64_t handle = client->attach(session, "janus.plugin.echotest");
    Json ack = client->request(janusRequest("message").setRaw("body", R"({"audio": false, "bitrate": 64000})"), session,
                               handle);
    ASSERT_TRUE(isReply(ack, "ack"));

    Json reply = ask(janusRequest("handle_info").set("session_id", session).set("handle_id", handle));
    ASSERT_TRUE(isReply(reply, "success"));
    EXPECT_EQ(reply.u64("/info/session_id"), session);
    EXPECT_EQ(reply.u64("/info/handle_id"), handle);
    EXPECT_EQ(reply.str("/info/plugin"), "portunus.plugin.echotest");
    EXPECT_EQ(reply.str("/info/attached_as"), "janus.plugin.echotest");
    ASSERT_TRUE(reply.isObject("/info/plugin_specific")) << reply;
    EXPECT_FALSE(reply.boolean("/info/plugin_specific/audio_active"));
    EXPECT_TRUE(reply.boolean("/info/plugin_specific/video_active"));
    EXPECT_EQ(reply.u64("/info/plugin_specific/bitrate"), 64000u);

    EXPECT_TRUE(isError(ask(janusRequest("handle_info").set("session_id", session)), 456));
    EXPECT_TRUE(isError(ask(janusRequest("handle_info").set("session_id", session).set("handle_id", uint64_t(5))), 459));
}

TEST_P(AdminApi, ListPlugins) {
    Json reply = ask(janusRequest("list_plugins"));
    ASSERT_TRUE(isReply(reply, "success"));
    // Every plugin in the folder is listed; only echotest has a config that enables it.
    std::optional<Json> found;
    for (const Json &p : reply.items("/plugins")) {
        if (p.str("/name") == "echotest") found = p;
        else EXPECT_FALSE(p.boolean("/enabled") || p.boolean("/running")) << p;
    }
    ASSERT_TRUE(found) << reply;
    const Json &echo = *found;
    EXPECT_EQ(echo.str("/package"), "portunus.plugin.echotest");
    EXPECT_EQ(echo.u64("/version"), 1u);
    EXPECT_EQ(echo.i64("/api_version"), PORTUNUS_PLUGIN_API_VERSION);
    EXPECT_TRUE(echo.boolean("/enabled"));
    EXPECT_TRUE(echo.boolean("/running"));
    EXPECT_FALSE(echo.has("/error")) << echo;
}

TEST_P(AdminApi, SetLogLevelByName) {
    size_t mark = server.logLines().size();
    Json reply = ask(janusRequest("set_log_level").set("level", "debug"));
    ASSERT_TRUE(isReply(reply, "success"));
    EXPECT_EQ(reply.str("/level"), "debug");
    EXPECT_EQ(ask(janusRequest("get_status")).str("/status/log_level"), "debug");
    EXPECT_TRUE(server.waitForLog("log level set to debug", mark));
    // Debug lines now appear: every admin request logs one.
    EXPECT_TRUE(server.waitForLog(R"(debug .*\[admin-api\] get_status from)", mark));

    EXPECT_TRUE(isError(ask(janusRequest("set_log_level").set("level", "loud")), 467));
    EXPECT_TRUE(isError(ask(janusRequest("set_log_level")), 456));
}

TEST_P(AdminApi, SetLogLevelByJanusNumber) {
    const std::pair<int, const char *> levels[] = {{7, "trace"}, {3, "warn"}, {4, "info"}, {1, "error"}};
    for (auto [number, name] : levels) {
        Json reply = ask(janusRequest("set_log_level").set("level", number));
        ASSERT_TRUE(isReply(reply, "success"));
        EXPECT_EQ(reply.str("/level"), name) << "Janus level " << number;
        EXPECT_EQ(ask(janusRequest("get_status")).str("/status/log_level"), name);
    }
    EXPECT_TRUE(isError(ask(janusRequest("set_log_level").set("level", 8)), 467));
}

TEST_P(AdminApi, MessagePluginReachesEchotest) {
    EXPECT_EQ(statsOfEchotest().at("/response"), Json::parse(R"({"sessions": 0})"));
    uint64_t session = client->createSession();
    client->attach(session);
    client->attach(session, "portunus.plugin.echotest");
    Json reply = statsOfEchotest();
    ASSERT_TRUE(isReply(reply, "success"));
    EXPECT_EQ(reply.at("/response"), Json::parse(R"({"sessions": 2})"));

    // Its alias works too; its own errors come back as errors.
    Json bad = ask(janusRequest("message_plugin").set("plugin", "janus.plugin.echotest").setRaw("request", R"({"request": "nope"})"));
    EXPECT_TRUE(isError(bad, 413));
    EXPECT_TRUE(isError(ask(janusRequest("message_plugin").set("plugin", "janus.plugin.nothing").setRaw("request", "{}")), 460));
    EXPECT_TRUE(isError(ask(janusRequest("message_plugin").set("plugin", "janus.plugin.echotest").set("request", "stats")), 467));
}

TEST_P(AdminApi, DestroySessionEndsTheClientsSession) {
    uint64_t session = client->createSession();
    uint64_t handle = client->attach(session);
    Json reply = ask(janusRequest("destroy_session").set("session_id", session));
    ASSERT_TRUE(isReply(reply, "success"));

    Json keepalive = janusRequest("keepalive");
    EXPECT_TRUE(isError(client->request(keepalive, session), 458, keepalive.str("/transaction")));
    EXPECT_TRUE(isError(client->request(janusRequest("message").setRaw("body", "{}"), session, handle), 458));
    EXPECT_EQ(ask(janusRequest("list_sessions")).size("/sessions"), 0u);
    EXPECT_EQ(statsOfEchotest().u64("/response/sessions"), 0u);
    EXPECT_TRUE(isError(ask(janusRequest("destroy_session").set("session_id", session)), 458));
}

TEST_P(AdminApi, UnknownRequestIs453) { EXPECT_TRUE(isError(ask(janusRequest("reboot_the_moon")), 453)); }

INSTANTIATE_TEST_SUITE_P(, AdminApi, ::testing::Values(Transport::http, Transport::websocket),
                         transportParamName);

} // namespace
} // namespace portunus::test
