// Size limits and hostile input: an HTTP body or WebSocket message over
// client_api.max_body_bytes is refused without hurting anyone else, and
// malformed bodies of every kind leave the server answering.
#include "support/expect.hpp"
#include "support/http_client.hpp"
#include "support/janus_client.hpp"
#include "support/server_process.hpp"
#include "support/ws_client.hpp"

#include <gtest/gtest.h>

#include <random>
#include <stdexcept>

namespace portunus::test {
namespace {

constexpr size_t kLimit = 2048;

// A well-formed request padded to `size` bytes.
std::string paddedPing(size_t size) {
    Json ping = janusRequest("ping");
    size_t overhead = ping.text().size() + std::string(R"(,"padding":"")").size();
    std::string text = ping.set("padding", std::string(size - overhead, 'x')).text();
    if (text.size() != size) throw std::logic_error("paddedPing: wrong size");
    return text;
}

void expectAnswering(const ServerProcess &server) {
    ASSERT_TRUE(server.running());
    Json ping = janusRequest("ping");
    HttpResult res = httpPost(server.clientHttpPort(), "/janus", ping.text());
    ASSERT_EQ(res.status, 200);
    EXPECT_TRUE(isReply(Json::parse(res.body), "pong", ping.str("/transaction")));
}

class Limits : public ::testing::Test {
protected:
    ServerProcess server{{.overrides = R"({"client_api": {"max_body_bytes": 2048}})"}};
};

TEST_F(Limits, HttpBodyOverTheLimitIs413AndTheServerStaysUp) {
    // Right at the limit is fine.
    std::string at_limit = paddedPing(kLimit);
    ASSERT_EQ(at_limit.size(), kLimit);
    HttpResult ok = httpPost(server.clientHttpPort(), "/janus", at_limit);
    EXPECT_EQ(ok.status, 200);
    EXPECT_TRUE(isReply(Json::parse(ok.body), "pong"));

    HttpResult res = httpPost(server.clientHttpPort(), "/janus", paddedPing(kLimit + 1));
    EXPECT_EQ(res.status, 413) << res.body;
    EXPECT_TRUE(server.waitForLog("over the 2048 byte body limit refused"));
    HttpResult big = httpPost(server.clientHttpPort(), "/janus", paddedPing(1024 * 1024));
    EXPECT_EQ(big.status, 413) << big.body;
    expectAnswering(server);
}

TEST_F(Limits, WebSocketMessageOverTheLimitClosesThatSocketOnly) {
    auto bystander = JanusClient::connect(Transport::websocket, server);
    uint64_t session = bystander->createSession();

    WsClient offender(server.clientWsPort(), "janus-protocol");
    offender.send(paddedPing(kLimit + 1)); // may or may not complete before the close
    EXPECT_TRUE(offender.waitClosed()) << "the server kept a socket that sent an oversized message";
    EXPECT_FALSE(offender.receive()) << "the oversized message was answered";
    EXPECT_TRUE(server.waitForLog("message over the size limit, closing"));

    EXPECT_TRUE(isReply(bystander->request(janusRequest("keepalive"), session), "ack"));
    expectAnswering(server);
}

TEST_F(Limits, WebSocketMessageAtTheLimitIsServed) {
    WsClient ws(server.clientWsPort(), "janus-protocol");
    ASSERT_TRUE(ws.send(paddedPing(kLimit)));
    auto reply = ws.receive();
    ASSERT_TRUE(reply) << ws.closeReason();
    EXPECT_TRUE(isReply(Json::parse(*reply), "pong"));
}

// Garbage, with the default (larger) body limit so that it reaches the parser.
class Garbage : public ::testing::Test {
protected:
    ServerProcess server;
    std::mt19937 rng{20240611}; // fixed: the same garbage every run

    std::string randomBytes(size_t max) {
        std::uniform_int_distribution<size_t> len(1, max);
        std::uniform_int_distribution<int> byte(0, 255);
        std::string s(len(rng), '\0');
        for (auto &c : s) c = static_cast<char>(byte(rng));
        return s;
    }
    // Valid-UTF-8 bodies that are not valid requests.
    std::vector<std::string> malformedTexts() {
        std::string full = janusRequest("message").setRaw("body", R"({"audio":true,"list":[1,2,{"a":"b"}]})")
                               .setRaw("jsep", R"({"type":"offer","sdp":"v=0\r\n"})").text();
        std::vector<std::string> out;
        for (size_t cut = 1; cut < full.size(); cut += 3) out.push_back(full.substr(0, cut)); // truncated JSON
        out.push_back(std::string(100000, '['));
        out.push_back(std::string(100000, '{'));
        std::string objects;
        for (int i = 0; i < 40000; ++i) objects += R"({"a":)";
        out.push_back(objects);
        out.push_back(std::string(50000, '[') + std::string(50000, ']'));
        out.push_back(R"({"janus":"create","transaction":"\ud800"})");
        out.push_back(R"({"janus":"create","transaction":"t","id":-1})");
        out.push_back(R"({"janus":"create","transaction":"t","id":1e400})");
        out.push_back(R"({"janus":"create","transaction":"t","id":18446744073709551616})");
        out.push_back(R"({"janus":null,"transaction":null})");
        out.push_back(R"({"janus":"attach","transaction":"t","session_id":{"nested":[]}})");
        out.push_back(std::string("{\"janus\":\"ping\",\"transaction\":\"") + std::string(1, '\0') + "\"}");
        return out;
    }
};

TEST_F(Garbage, TwoHundredMalformedHttpBodiesLeaveTheServerAnswering) {
    std::vector<std::string> bodies = malformedTexts();
    while (bodies.size() < 200) bodies.push_back(randomBytes(bodies.size() % 2 ? 64 : 8192));
    ASSERT_GE(bodies.size(), 200u);
    for (size_t i = 0; i < bodies.size(); ++i) {
        HttpResult res = httpPost(server.clientHttpPort(), "/janus", bodies[i]);
        ASSERT_EQ(res.status, 200) << "body #" << i;
        Json reply = Json::parse(res.body);
        EXPECT_TRUE(isReply(reply, "error")) << "body #" << i << ": " << bodies[i].substr(0, 80);
    }
    expectAnswering(server);
}

TEST_F(Garbage, MalformedWebSocketMessagesLeaveTheServerAnswering) {
    WsClient ws(server.clientWsPort(), "janus-protocol");
    std::vector<std::string> texts = malformedTexts();
    for (size_t i = 0; i < texts.size(); ++i) {
        ASSERT_TRUE(ws.send(texts[i])) << "message #" << i << ": " << ws.closeReason();
        auto reply = ws.receive();
        ASSERT_TRUE(reply) << "message #" << i << ": " << ws.closeReason();
        EXPECT_TRUE(isReply(Json::parse(*reply), "error")) << "message #" << i;
    }
    auto client = JanusClient::connect(Transport::websocket, server);
    EXPECT_GT(client->createSession(), 0u);
    expectAnswering(server);
}

} // namespace
} // namespace portunus::test
