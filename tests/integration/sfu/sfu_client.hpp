// A Janus client attached to the sfu for tests: synchronous requests answer
// in the reply, asynchronous ones with an event carrying the request's
// transaction; other events (room notifications) are awaited by content.
#pragma once

#include "support/janus_client.hpp"
#include "support/server_process.hpp"

#include <functional>
#include <memory>
#include <string>

namespace portunus::test {

// A server with the sfu enabled by `sfu_config` (plugins.d/sfu.jsonc text).
ServerOptions sfuServer(const std::string &sfu_config = R"({"enabled": true})", const std::string &overrides = "{}");

class SfuClient {
public:
    // `ticket`: the join ticket presented on attach ("" = none).
    explicit SfuClient(const ServerProcess &server, const std::string &plugin = "janus.plugin.videoroom",
                       const std::string &ticket = "");

    // plugindata.data of a synchronous request's reply.
    Json sync(const Json &body);
    // The event answering an asynchronous request (after its ack); the whole event (plugindata, jsep).
    Json async(const Json &body, const std::string &jsep = "");
    // The next event whose plugindata.data satisfies `match`; earlier ones are dropped.
    Json waitFor(const std::function<bool(const Json &data)> &match);

    // join as publisher; returns the joined event's data.
    Json joinPublisher(uint64_t room, uint64_t id, const std::string &display = "");
    // A browser-like offer (audio + video) for publish / configure.
    static std::string offerJsep();

    uint64_t session() const { return session_; }
    uint64_t handle() const { return handle_; }

private:
    std::unique_ptr<JanusClient> janus_;
    uint64_t session_ = 0;
    uint64_t handle_ = 0;
};

// A request body {"request": name}, and the plugin data of an event.
inline Json request(const char *name) { return Json().set("request", name); }
inline Json data(const Json &event) { return event.at("/plugindata/data"); }

// What a browser would answer to the server's offer in `event` (recvonly,
// made-up ICE/DTLS): a subscriber's "start" JSEP.
std::string subscriberAnswer(const Json &event);

// Whether a subscriber event's data ("attached", "updated") still has an m-line of `feed`.
bool carriesFeed(const Json &event_data, uint64_t feed);

// data.error_code of a reply or event data, 0 when none.
int64_t errorCode(const Json &data);
// A synchronous admin request through message_plugin; returns the plugin's response.
Json adminSfu(const ServerProcess &server, const Json &request);

} // namespace portunus::test
