// Every admin request is refused (403) without the admin secret or with a
// wrong one, over HTTP and the WebSocket, changes nothing, and the refusal's
// log line never shows the secret that was sent.
#include "support/expect.hpp"
#include "support/janus_client.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

namespace portunus::test {
namespace {

// Distinctive, so that finding it anywhere in the log is meaningful.
constexpr const char *kWrongSecret = "wr0ng-S3CRET-zx81-quokka";

class AdminAuth : public ::testing::TestWithParam<Transport> {
protected:
    // Trace level: not even a debug line may show a secret.
    ServerProcess server{{.overrides = R"({"general": {"log_level": "trace"}})"}};
    AdminClient admin{GetParam(), server};
    std::unique_ptr<JanusClient> client = JanusClient::connect(Transport::http, server);
    uint64_t session = client->createSession();
    uint64_t handle = client->attach(session);

    // One request of every kind the admin API knows, well-formed apart from the secret.
    std::vector<Json> everyRequest() {
        auto on = [&](const char *kind) { return janusRequest(kind).set("session_id", session); };
        return {
            janusRequest("info"),
            janusRequest("ping"),
            janusRequest("get_status"),
            janusRequest("list_sessions"),
            on("list_handles"),
            on("handle_info").set("handle_id", handle),
            janusRequest("list_plugins"),
            janusRequest("set_log_level").set("level", "error"),
            janusRequest("message_plugin").set("plugin", "janus.plugin.echotest").setRaw("request", R"({"request":"stats"})"),
            on("destroy_session"),
        };
    }

    void expectRefusedAndLogged(Json request, const std::string &how) {
        std::string kind = request.str("/janus");
        std::string tx = request.str("/transaction");
        size_t mark = server.logLines().size();
        Json reply = admin.request(std::move(request));
        EXPECT_TRUE(isError(reply, 403, tx)) << kind << " " << how;
        EXPECT_FALSE(reply.has("/sessions") || reply.has("/plugins") || reply.has("/status")) << reply;
        auto line = server.waitForLog("'" + kind + "' from .* refused: wrong or missing admin_secret", mark);
        EXPECT_TRUE(line) << "no refusal logged for " << kind << " " << how;
    }

    void expectNothingChanged() {
        Json status = admin.requestWithSecret(janusRequest("get_status"));
        EXPECT_EQ(status.str("/status/log_level"), "trace");
        EXPECT_EQ(status.u64("/status/sessions"), 1u);
        EXPECT_TRUE(isReply(client->request(janusRequest("keepalive"), session), "ack"));
    }
};

TEST_P(AdminAuth, EveryRequestWithoutTheSecretIs403) {
    for (Json &request : everyRequest()) expectRefusedAndLogged(std::move(request), "without a secret");
    expectNothingChanged();
}

TEST_P(AdminAuth, EveryRequestWithAWrongSecretIs403AndTheSecretIsNotLogged) {
    for (Json &request : everyRequest())
        expectRefusedAndLogged(std::move(request.set("admin_secret", kWrongSecret)), "with a wrong secret");
    expectNothingChanged();
    EXPECT_EQ(server.log().find(kWrongSecret), std::string::npos) << "the wrong secret was logged";
    EXPECT_EQ(server.log().find(ServerProcess::kAdminSecret), std::string::npos) << "the right secret was logged";
}

TEST_P(AdminAuth, SecretsThatAreNotStringsOrArePrefixesAre403) {
    std::string right = ServerProcess::kAdminSecret;
    expectRefusedAndLogged(janusRequest("ping").set("admin_secret", 12345), "with a number");
    expectRefusedAndLogged(janusRequest("ping").set("admin_secret", right.substr(0, right.size() - 1)), "with a prefix");
    expectRefusedAndLogged(janusRequest("ping").set("admin_secret", right + "x"), "with a longer one");
    expectRefusedAndLogged(janusRequest("ping").set("admin_secret", ""), "with an empty one");
    EXPECT_TRUE(isReply(admin.requestWithSecret(janusRequest("ping")), "pong"));
}

TEST_P(AdminAuth, WithoutTheSecretMistypedFieldsAreNotExamined) {
    // 403 before any other check: an unauthenticated caller learns nothing.
    expectRefusedAndLogged(janusRequest("list_handles").set("session_id", "not-a-number"), "with a mistyped id");
    expectRefusedAndLogged(janusRequest("handle_info").set("session_id", session).set("handle_id", -1), "with a bad handle");
}

INSTANTIATE_TEST_SUITE_P(, AdminAuth, ::testing::Values(Transport::http, Transport::websocket),
                         transportParamName);

} // namespace
} // namespace portunus::test
