#include "support/janus_client.hpp"

#include "support/http_client.hpp"

#include <stdexcept>

namespace portunus::test {

namespace {

std::string apiPath(uint64_t session, uint64_t handle) {
    std::string path = "/janus";
    if (session) path += "/" + std::to_string(session);
    if (handle) path += "/" + std::to_string(handle);
    return path;
}

Json withTransaction(Json request) {
    if (!request.has("/transaction")) request.set("transaction", nextTransaction());
    return request;
}

Json expectOk(const HttpResult &res, const std::string &what) {
    if (res.status != 200)
        throw std::runtime_error(what + ": HTTP " + std::to_string(res.status) + ": " + res.body);
    return Json::parse(res.body);
}

class HttpJanus final : public JanusClient {
public:
    explicit HttpJanus(uint16_t port) : port_(port) {}
    Transport transport() const override { return Transport::http; }

    Json request(Json request, uint64_t session, uint64_t handle) override {
        request = withTransaction(std::move(request));
        return sendRaw(request.text(), session, handle);
    }

    Json sendRaw(const std::string &text, uint64_t session, uint64_t handle) override {
        std::string path = apiPath(session, handle);
        return expectOk(httpPost(port_, path, text), "POST " + path);
    }

    Json nextEvent(uint64_t session, std::chrono::milliseconds timeout) override {
        auto deadline = std::chrono::steady_clock::now() + timeout;
        std::string path = apiPath(session, 0) + "?maxev=1";
        for (;;) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) throw std::runtime_error("no event for session " + std::to_string(session));
            Json event = expectOk(httpGet(port_, path, left), "GET " + path);
            // The long-poll ends with a keepalive when nothing came in its time: poll again.
            if (!event.isObject() || !event.has("/janus") || event.janus() != "keepalive") return event;
        }
    }

private:
    uint16_t port_;
};

// A reply carries the request's transaction; plugin events may carry it too,
// but are "event"s.
bool isReplyTo(const std::string &text, const std::string &tx) {
    if (!Json::valid(text)) return false;
    Json j = Json::parse(text);
    const rapidjson::Value *t = j.find("/transaction");
    const rapidjson::Value *kind = j.find("/janus");
    bool is_event = kind && kind->IsString() && std::string_view(kind->GetString()) == "event";
    return t && t->IsString() && tx == t->GetString() && !is_event;
}

class WsJanus final : public JanusClient {
public:
    explicit WsJanus(uint16_t port) : ws_(port, "janus-protocol") {}
    Transport transport() const override { return Transport::websocket; }

    Json request(Json request, uint64_t session, uint64_t handle) override {
        request = withTransaction(std::move(request));
        if (session) request.set("session_id", session);
        if (handle) request.set("handle_id", handle);
        std::string tx = request.str("/transaction");
        if (!ws_.send(request.text())) throw std::runtime_error("WebSocket send failed: " + ws_.closeReason());
        auto reply = ws_.receiveWhere([&](const std::string &text) { return isReplyTo(text, tx); });
        if (!reply) throw std::runtime_error("no reply to " + request.text() + " (" + ws_.closeReason() + ")");
        return Json::parse(*reply);
    }

    Json sendRaw(const std::string &text, uint64_t, uint64_t) override {
        if (!ws_.send(text)) throw std::runtime_error("WebSocket send failed: " + ws_.closeReason());
        auto reply = ws_.receive();
        if (!reply) throw std::runtime_error("no answer to " + text.substr(0, 200) + " (" + ws_.closeReason() + ")");
        return Json::parse(*reply);
    }

    Json nextEvent(uint64_t session, std::chrono::milliseconds timeout) override {
        auto event = ws_.receive(timeout);
        if (!event) throw std::runtime_error("no event for session " + std::to_string(session) + " (" + ws_.closeReason() + ")");
        return Json::parse(*event);
    }

private:
    WsClient ws_;
};

} // namespace

std::string transportName(Transport t) { return t == Transport::http ? "Http" : "WebSocket"; }

std::unique_ptr<JanusClient> JanusClient::connect(Transport transport, const ServerProcess &server) {
    if (transport == Transport::http) return std::make_unique<HttpJanus>(server.clientHttpPort());
    return std::make_unique<WsJanus>(server.clientWsPort());
}

uint64_t JanusClient::createSession() {
    Json reply = request(janusRequest("create"));
    if (reply.janus() != "success") throw std::runtime_error("create failed: " + reply.text());
    return reply.u64("/data/id");
}

uint64_t JanusClient::attach(uint64_t session, const std::string &plugin, const std::string &ticket) {
    Json attach = janusRequest("attach").set("plugin", plugin);
    if (!ticket.empty()) attach.set("ticket", ticket);
    Json reply = request(attach, session);
    if (reply.janus() != "success") throw std::runtime_error("attach failed: " + reply.text());
    return reply.u64("/data/id");
}

Json janusRequest(const std::string &kind) { return Json().set("janus", kind).set("transaction", nextTransaction()); }

AdminClient::AdminClient(Transport transport, const ServerProcess &server) : transport_(transport) {
    if (transport == Transport::http) http_port_ = server.adminHttpPort();
    else ws_ = std::make_unique<WsClient>(server.adminWsPort(), "janus-admin-protocol");
}

Json AdminClient::request(Json request) {
    request = withTransaction(std::move(request));
    if (transport_ == Transport::http) return expectOk(httpPost(http_port_, "/admin", request.text()), "POST /admin");
    if (!ws_->send(request.text())) throw std::runtime_error("admin WebSocket send failed: " + ws_->closeReason());
    auto reply = ws_->receive();
    if (!reply) throw std::runtime_error("no admin reply to " + request.text() + " (" + ws_->closeReason() + ")");
    return Json::parse(*reply);
}

} // namespace portunus::test
