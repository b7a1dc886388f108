#include "sfu_client.hpp"

#include "sdp/answerer.hpp"
#include "sdp/parser.hpp"
#include "sdp/transport.hpp"
#include "sdp/writer.hpp"
#include "support/client_offer.hpp"

#include <stdexcept>

namespace portunus::test {

ServerOptions sfuServer(const std::string &sfu_config, const std::string &overrides) {
    ServerOptions options;
    options.plugin_configs = {{"sfu", sfu_config}};
    options.overrides = overrides;
    return options;
}

SfuClient::SfuClient(const ServerProcess &server, const std::string &plugin, const std::string &ticket)
    : janus_(JanusClient::connect(Transport::websocket, server)) {
    session_ = janus_->createSession();
    handle_ = janus_->attach(session_, plugin, ticket);
}

std::string subscriberAnswer(const Json &event) {
    sdp::SessionDescription offer;
    std::string error;
    if (!sdp::parse(event.str("/jsep/sdp"), offer, error)) throw std::runtime_error(error);
    sdp::AnswerOptions options;
    options.defaults.direction = sdp::Direction::RecvOnly;
    sdp::SessionDescription answer = sdp::answer(offer, options);
    sdp::TransportParams t;
    t.iceUfrag = "wxyz";
    t.icePwd = "abcdefghijklmnopqrstuvwx";
    t.fingerprint = {"sha-256", "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89"};
    t.setup = sdp::Setup::Active;
    sdp::setTransport(answer, t);
    return Json().set("type", "answer").set("sdp", sdp::write(answer)).text();
}

bool carriesFeed(const Json &event_data, uint64_t feed) {
    for (const Json &s : event_data.items("/streams"))
        if (s.has("/feed_id") && s.u64("/feed_id") == feed) return true;
    return false;
}

Json SfuClient::sync(const Json &body) {
    Json reply = janus_->request(janusRequest("message").set("body", body), session_, handle_);
    if (reply.janus() != "success") throw std::runtime_error("no success: " + reply.text());
    return reply.at("/plugindata/data");
}

Json SfuClient::async(const Json &body, const std::string &jsep) {
    Json request = janusRequest("message").set("body", body);
    if (!jsep.empty()) request.setRaw("jsep", jsep);
    std::string tx = request.str("/transaction");
    Json reply = janus_->request(request, session_, handle_);
    if (reply.janus() != "ack") throw std::runtime_error("no ack: " + reply.text());
    for (;;) {
        Json event = janus_->nextEvent(session_);
        if (event.has("/transaction") && event.str("/transaction") == tx && event.has("/plugindata")) return event;
    }
}

Json SfuClient::waitFor(const std::function<bool(const Json &)> &match) {
    for (;;) {
        Json event = janus_->nextEvent(session_);
        if (event.has("/plugindata/data") && match(event.at("/plugindata/data"))) return event.at("/plugindata/data");
    }
}

Json SfuClient::joinPublisher(uint64_t room, uint64_t id, const std::string &display) {
    Json body = Json().set("request", "join").set("ptype", "publisher").set("room", room).set("id", id);
    if (!display.empty()) body.set("display", display);
    return async(body).at("/plugindata/data");
}

std::string SfuClient::offerJsep() {
    ClientOffer offer({.ice_ufrag = "abcd", .ice_pwd = "abcdefghijklmnopqrstuvwx",
                       .fingerprint = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:"
                                      "01:23:45:67:89"});
    return Json().set("type", "offer").set("sdp", offer.offerText()).text();
}

int64_t errorCode(const Json &data) { return data.has("/error_code") ? data.i64("/error_code") : 0; }

Json adminSfu(const ServerProcess &server, const Json &request) {
    AdminClient admin(Transport::http, server);
    Json reply = admin.requestWithSecret(
        janusRequest("message_plugin").set("plugin", "portunus.plugin.sfu").set("request", request));
    if (reply.janus() != "success") throw std::runtime_error("admin message_plugin failed: " + reply.text());
    return reply.at("/response");
}

} // namespace portunus::test
