// One presence device or watcher for the tests: its own WebSocket, a Janus
// session and a handle attached to portunus.plugin.presence. Every wait ends
// on a message (or the safety timeout in support/timeouts.hpp).
#pragma once

#include "support/json.hpp"
#include "support/server_process.hpp"
#include "support/ws_client.hpp"

#include <functional>
#include <string>

namespace portunus::test {

class PresenceClient {
public:
    // `ticket`: the join ticket presented on attach ("" = none).
    explicit PresenceClient(const ServerProcess &server, const std::string &ticket = "");

    // A plugin message; returns plugindata.data of the "success" reply (throws otherwise).
    Json send(const std::string &body);
    // A plugin message expected to fail; returns the Janus error code.
    int64_t sendExpectingError(const std::string &body);
    // A plugin message that may fail: 0 on success, else the error code.
    int64_t code(const std::string &body);
    // A Janus request on this session (and handle when `on_handle`): the whole reply.
    Json janus(const std::string &kind, bool on_handle);

    // The next `presence` event (plugindata.data) for which `match` is true;
    // events skipped stay queued for later waits.
    Json waitFor(const std::function<bool(const Json &)> &match);
    // The next event about `user` in `scope` with this status (and device count, when >= 0).
    Json waitFor(const std::string &scope, const std::string &user, const std::string &status, int devices = -1);

    void cut() { ws_.abort(); }
    uint64_t session() const { return session_; }
    uint64_t handle() const { return handle_; }

private:
    Json request(Json request);

    WsClient ws_;
    uint64_t session_ = 0;
    uint64_t handle_ = 0;
};

// plugins.d/presence.jsonc for a test: enabled, with `settings` (JSON object members, may be "").
std::string presenceConfig(const std::string &settings);

} // namespace portunus::test
