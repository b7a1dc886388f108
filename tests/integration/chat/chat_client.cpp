#include "chat_client.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace portunus::test {

namespace {

// A plugin event's data, when `text` is one.
std::optional<Json> pluginData(const std::string &text) {
    if (!Json::valid(text)) return std::nullopt;
    Json j = Json::parse(text);
    if (!j.has("/janus") || j.janus() != "event" || !j.has("/plugindata/data")) return std::nullopt;
    return j;
}

bool isRoomEvent(const std::string &text, const std::string &kind) {
    auto j = pluginData(text);
    return j && !j->has("/transaction") && j->has("/plugindata/data/textroom") && j->str("/plugindata/data/textroom") == kind;
}

} // namespace

Json chatRequest(const std::string &verb, uint64_t room) {
    Json body = Json().set("request", verb);
    if (room) body.set("room", room);
    return body;
}

bool isSuccess(const Json &data) { return data.has("/textroom") && data.str("/textroom") == "success"; }

ChatClient::ChatClient(const ServerProcess &server, const std::string &plugin, const std::string &ticket)
    : ws_(server.clientWsPort(), "janus-protocol") {
    session_ = janus(Json().set("janus", "create")).u64("/data/id");
    Json attach = Json().set("janus", "attach").set("plugin", plugin).set("session_id", session_);
    if (!ticket.empty()) attach.set("ticket", ticket);
    handle_ = janus(attach).u64("/data/id");
}

Json ChatClient::janus(Json request) {
    std::string tx = nextTransaction();
    request.set("transaction", tx);
    if (!ws_.send(request.text())) throw std::runtime_error("send failed: " + ws_.closeReason());
    auto reply = ws_.receiveWhere([&](const std::string &text) {
        return Json::valid(text) && Json::parse(text).has("/transaction") && Json::parse(text).str("/transaction") == tx;
    });
    if (!reply) throw std::runtime_error("no reply to " + request.text());
    Json j = Json::parse(*reply);
    if (j.janus() != "success") throw std::runtime_error("refused: " + j.text());
    return j;
}

std::string ChatClient::send(const Json &body) {
    std::string tx = nextTransaction();
    Json message = Json().set("janus", "message").set("transaction", tx).set("session_id", session_).set("handle_id", handle_);
    message.set("body", body);
    if (!ws_.send(message.text())) throw std::runtime_error("send failed: " + ws_.closeReason());
    return tx;
}

Json ChatClient::answer(const std::string &transaction) {
    auto reply = ws_.receiveWhere([&](const std::string &text) {
        auto j = pluginData(text);
        return j && j->has("/transaction") && j->str("/transaction") == transaction;
    });
    if (!reply) throw std::runtime_error("no answer to " + transaction + " (" + ws_.closeReason() + ")");
    return Json::parse(*reply).at("/plugindata/data");
}

Json ChatClient::event(const std::string &kind) {
    auto e = ws_.receiveWhere([&](const std::string &text) { return isRoomEvent(text, kind); });
    if (!e) throw std::runtime_error("no " + kind + " event (" + ws_.closeReason() + ")");
    return Json::parse(*e).at("/plugindata/data");
}

std::vector<Json> ChatClient::received(const std::string &kind) {
    std::vector<Json> out;
    while (auto e = ws_.receiveWhere([&](const std::string &text) { return isRoomEvent(text, kind); },
                                     std::chrono::milliseconds(0)))
        out.push_back(Json::parse(*e).at("/plugindata/data"));
    return out;
}

Json ChatClient::join(uint64_t room, const std::string &username, Json extra) {
    Json data = request(extra.merge(chatRequest("join", room).set("username", username)));
    if (!isSuccess(data)) throw std::runtime_error("join refused: " + data.text());
    return data;
}

int64_t ChatClient::refusal(const Json &body) {
    Json data = request(body);
    if (!data.has("/textroom") || data.str("/textroom") != "error" || !data.has("/error_code")) return 0;
    return data.i64("/error_code");
}

Json ChatClient::say(uint64_t room, const std::string &text, Json extra) {
    Json data = request(extra.merge(chatRequest("message", room).set("text", text)));
    if (!isSuccess(data)) throw std::runtime_error("message refused: " + data.text());
    return data;
}

std::vector<Json> ChatClient::fullHistory(uint64_t room, bool archive) {
    std::vector<Json> out;
    uint64_t after = 0;
    for (;;) {
        Json page = request(chatRequest("history", room).set("after_sequence", after).set("limit", 100).set("archive", archive));
        if (!isSuccess(page)) throw std::runtime_error("history refused: " + page.text());
        for (auto &item : page.items("/messages")) {
            after = item.u64("/sequence");
            out.push_back(std::move(item));
        }
        if (!page.boolean("/has_more")) return out;
    }
}

} // namespace portunus::test
