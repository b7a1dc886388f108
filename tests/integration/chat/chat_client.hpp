// A chat plugin client over the Janus WebSocket API: one session, one handle
// attached to the chat plugin. Requests go as plugin messages
// ({"request": ...}); each answer comes back as a plugin event carrying the
// request's transaction, while room events (message, join, receipts, ...)
// carry none. Every wait ends on a received message (safety timeout only).
#pragma once

#include "support/json.hpp"
#include "support/server_process.hpp"
#include "support/ws_client.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace portunus::test {

class ChatClient {
public:
    // `ticket`: the join ticket presented on attach ("" = none).
    explicit ChatClient(const ServerProcess &server, const std::string &plugin = "portunus.plugin.chat",
                        const std::string &ticket = "");

    // Sends `body` as a plugin message; returns its transaction.
    std::string send(const Json &body);
    // The plugin data of the answer to `transaction`.
    Json answer(const std::string &transaction);
    Json request(const Json &body) { return answer(send(body)); }
    // The error_code of the answer to `body`; 0 unless it is a textroom "error".
    int64_t refusal(const Json &body);
    // The next room event of `kind` ("message", "join", ...); others stay queued.
    Json event(const std::string &kind);
    // The room events of `kind` already received, without waiting.
    std::vector<Json> received(const std::string &kind);
    // Any next message on the socket (nullopt once it closed), for tests that read everything.
    std::optional<std::string> raw(std::chrono::milliseconds timeout = kEventTimeout) { return ws_.receive(timeout); }

    // Shorthands that fail the test unless the answer is a success.
    Json join(uint64_t room, const std::string &username, Json extra = Json());
    Json say(uint64_t room, const std::string &text, Json extra = Json());
    // Every event of the room in history, paging with after_sequence.
    std::vector<Json> fullHistory(uint64_t room, bool archive = false);

    uint64_t session() const { return session_; }
    uint64_t handle() const { return handle_; }

private:
    Json janus(Json request);
    WsClient ws_;
    uint64_t session_ = 0;
    uint64_t handle_ = 0;
};

// {"request": verb, "room": room}
Json chatRequest(const std::string &verb, uint64_t room = 0);
// The data of a plugin event or answer ("/plugindata/data").
bool isSuccess(const Json &data);

} // namespace portunus::test
