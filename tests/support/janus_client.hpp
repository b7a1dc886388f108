// Janus-protocol clients for tests, one interface over both transports:
// - HTTP: requests are POSTed to /janus[/{session}[/{handle}]] (ids in the
//   path), events come from long-polls GET /janus/{session}?maxev=1;
// - WebSocket (subprotocol "janus-protocol"): ids go in the body, and replies
//   and events share the socket (a reply is told from an event by its
//   transaction and by not being "event").
// And an admin client (POST /admin, or the "janus-admin-protocol" WebSocket).
#pragma once

#include "support/json.hpp"
#include "support/server_process.hpp"
#include "support/timeouts.hpp"
#include "support/ws_client.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>

namespace portunus::test {

enum class Transport { http, websocket };
std::string transportName(Transport t); // "Http", "WebSocket" (test-name friendly)
inline std::ostream &operator<<(std::ostream &out, Transport t) { return out << transportName(t); }
// For INSTANTIATE_TEST_SUITE_P(, Suite, Values(Transport::http, Transport::websocket), transportParamName).
inline std::string transportParamName(const ::testing::TestParamInfo<Transport> &p) { return transportName(p.param); }

class JanusClient {
public:
    static std::unique_ptr<JanusClient> connect(Transport transport, const ServerProcess &server);
    virtual ~JanusClient() = default;
    virtual Transport transport() const = 0;

    // Sends `request` (a transaction is added when it has none) to the session
    // and handle given, and returns the reply carrying that transaction.
    virtual Json request(Json request, uint64_t session = 0, uint64_t handle = 0) = 0;
    // Sends `text` as is (HTTP: POST to the given ids' path) and returns the
    // direct answer (HTTP: the body; WebSocket: the next message).
    virtual Json sendRaw(const std::string &text, uint64_t session = 0, uint64_t handle = 0) = 0;
    // The next event of `session` (HTTP long-polls skip keepalives); throws after `timeout`.
    virtual Json nextEvent(uint64_t session, std::chrono::milliseconds timeout = kEventTimeout) = 0;

    // Shorthands that fail (throw) unless the server says "success".
    uint64_t createSession();
    // `ticket`: a join ticket to present ("" = none).
    uint64_t attach(uint64_t session, const std::string &plugin = "janus.plugin.echotest",
                    const std::string &ticket = "");
};

// A Janus request: {"janus": kind, "transaction": <fresh>}.
Json janusRequest(const std::string &kind);

class AdminClient {
public:
    AdminClient(Transport transport, const ServerProcess &server);
    // Sends `request` (a transaction is added when it has none) and returns the answer.
    Json request(Json request);
    // The same with "admin_secret" set to the server's secret.
    Json requestWithSecret(Json request) {
        return this->request(std::move(request.set("admin_secret", ServerProcess::kAdminSecret)));
    }

private:
    Transport transport_;
    uint16_t http_port_ = 0;
    std::unique_ptr<WsClient> ws_;
};

} // namespace portunus::test
