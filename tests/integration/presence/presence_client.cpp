#include "presence_client.hpp"

#include <stdexcept>

namespace portunus::test {

namespace {
bool isReplyTo(const Json &j, const std::string &tx) {
    return j.has("/transaction") && j.str("/transaction") == tx && j.janus() != "event";
}

bool isPresenceEvent(const Json &j) {
    return j.has("/janus") && j.janus() == "event" && j.has("/plugindata/data/presence") &&
           j.str("/plugindata/data/presence") == "event";
}
} // namespace

PresenceClient::PresenceClient(const ServerProcess &server, const std::string &ticket)
    : ws_(server.clientWsPort(), "janus-protocol") {
    session_ = request(Json().set("janus", "create")).u64("/data/id");
    Json attach = Json().set("janus", "attach").set("plugin", "portunus.plugin.presence").set("session_id", session_);
    if (!ticket.empty()) attach.set("ticket", ticket);
    Json attached = request(attach);
    if (attached.janus() != "success") throw std::runtime_error("attach failed: " + attached.text());
    handle_ = attached.u64("/data/id");
}

Json PresenceClient::request(Json request) {
    std::string tx = nextTransaction();
    request.set("transaction", tx);
    if (!ws_.send(request.text())) throw std::runtime_error("send failed: " + ws_.closeReason());
    auto reply = ws_.receiveWhere([&](const std::string &text) { return isReplyTo(Json::parse(text), tx); });
    if (!reply) throw std::runtime_error("no reply to " + request.text() + " (" + ws_.closeReason() + ")");
    return Json::parse(*reply);
}

Json PresenceClient::send(const std::string &body) {
    Json reply = request(Json().set("janus", "message").set("session_id", session_).set("handle_id", handle_).setRaw("body", body));
    if (reply.janus() != "success") throw std::runtime_error(body + " failed: " + reply.text());
    return reply.at("/plugindata/data");
}

int64_t PresenceClient::sendExpectingError(const std::string &body) {
    int64_t c = code(body);
    if (c == 0) throw std::runtime_error(body + " did not fail");
    return c;
}

int64_t PresenceClient::code(const std::string &body) {
    Json reply = request(Json().set("janus", "message").set("session_id", session_).set("handle_id", handle_).setRaw("body", body));
    if (reply.janus() == "success") return 0;
    if (reply.janus() != "error") throw std::runtime_error(body + ": unexpected reply " + reply.text());
    return reply.errorCode();
}

Json PresenceClient::janus(const std::string &kind, bool on_handle) {
    Json r = Json().set("janus", kind).set("session_id", session_);
    if (on_handle) r.set("handle_id", handle_);
    return request(r);
}

Json PresenceClient::waitFor(const std::function<bool(const Json &)> &match) {
    auto event = ws_.receiveWhere([&](const std::string &text) {
        Json j = Json::parse(text);
        return isPresenceEvent(j) && match(j.at("/plugindata/data"));
    });
    if (!event) throw std::runtime_error("the awaited presence event did not come (" + ws_.closeReason() + ")");
    return Json::parse(*event).at("/plugindata/data");
}

Json PresenceClient::waitFor(const std::string &scope, const std::string &user, const std::string &status, int devices) {
    return waitFor([&](const Json &e) {
        return e.str("/scope") == scope && e.str("/user") == user && e.str("/status") == status &&
               (devices < 0 || e.i64("/devices") == devices);
    });
}

std::string presenceConfig(const std::string &settings) {
    return "{\"enabled\": true" + std::string(settings.empty() ? "" : ", ") + settings + "}";
}

} // namespace portunus::test
