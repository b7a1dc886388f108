#include "support/janus_signaling.hpp"

#include <stdexcept>

namespace portunus::test {

namespace {
constexpr auto kKeepaliveInterval = std::chrono::seconds(25);
constexpr auto kReadSlice = std::chrono::milliseconds(200); // how soon the reader sees a stop

bool isKind(const Json &j, std::string_view kind) {
    const rapidjson::Value *v = j.find("/janus");
    return v && v->IsString() && kind == v->GetString();
}
} // namespace

JanusSignaling::JanusSignaling(uint16_t ws_port, EventHandler on_event)
    : ws_(ws_port, "janus-protocol"), on_event_(std::move(on_event)) {
    reader_ = std::thread([this] { readLoop(); });
    writer_ = std::thread([this] { writeLoop(); });
}

JanusSignaling::~JanusSignaling() {
    if (session_ && !ws_.closed()) {
        try {
            request(Json().set("janus", "destroy"), [](const Json &) { return true; }, std::chrono::seconds(2));
        } catch (...) {
        }
    }
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        changed_.notify_all();
    }
    writer_.join();
    reader_.join();
}

void JanusSignaling::open(const std::string &plugin, const std::string &ticket) {
    auto success = [](const Json &r) { return !isKind(r, "ack"); };
    Json created = request(Json().set("janus", "create"), success);
    if (!isKind(created, "success")) throw std::runtime_error("create failed: " + created.text());
    session_ = created.u64("/data/id");
    Json attach = Json().set("janus", "attach").set("plugin", plugin);
    if (!ticket.empty()) attach.set("ticket", ticket);
    Json attached = request(attach, success);
    if (!isKind(attached, "success")) throw std::runtime_error("attach failed: " + attached.text());
    handle_ = attached.u64("/data/id");
}

Json JanusSignaling::message(const Json &body, const Json &jsep, std::chrono::milliseconds timeout) {
    Json reply = request(Json().set("janus", "message").set("body", body).set("jsep", jsep),
                         [](const Json &r) { return !isKind(r, "ack"); }, timeout);
    if (!isKind(reply, "event")) throw std::runtime_error("message failed: " + reply.text());
    if (reply.has("/plugindata/data/error")) throw std::runtime_error("plugin error: " + reply.text());
    return reply;
}

void JanusSignaling::trickle(const std::string &candidate, const std::string &mid, uint16_t mindex) {
    Json c;
    if (candidate.empty()) c.set("completed", true);
    else c.set("candidate", candidate).set("sdpMid", mid).set("sdpMLineIndex", int(mindex));
    post(Json().set("janus", "trickle").set("candidate", c));
}

Json JanusSignaling::addIds(Json request) const {
    if (!request.has("/transaction")) request.set("transaction", nextTransaction());
    if (session_ && !request.has("/session_id")) request.set("session_id", session_.load());
    std::string kind = request.str("/janus");
    if (handle_ && kind != "create" && kind != "attach" && kind != "destroy" && kind != "keepalive" &&
        !request.has("/handle_id"))
        request.set("handle_id", handle_.load());
    return request;
}

Json JanusSignaling::request(Json request, const std::function<bool(const Json &)> &accept,
                             std::chrono::milliseconds timeout) {
    request = addIds(std::move(request));
    std::string tx = request.str("/transaction");
    {
        std::lock_guard lock(mutex_);
        replies_[tx];
    }
    bool sent;
    {
        std::lock_guard lock(send_mutex_);
        sent = ws_.send(request.text());
    }
    std::unique_lock lock(mutex_);
    if (!sent) {
        replies_.erase(tx);
        throw std::runtime_error("WebSocket send failed: " + ws_.closeReason());
    }
    std::optional<Json> found;
    changed_.wait_for(lock, timeout, [&] {
        auto &queue = replies_[tx];
        while (!queue.empty()) {
            Json r = std::move(queue.front());
            queue.pop_front();
            if (accept(r)) {
                found = std::move(r);
                return true;
            }
        }
        return stopping_;
    });
    replies_.erase(tx);
    if (!found) throw std::runtime_error("no reply to " + request.text().substr(0, 300) + " (" + ws_.closeReason() + ")");
    return std::move(*found);
}

void JanusSignaling::post(Json request) {
    std::lock_guard lock(mutex_);
    outbox_.push_back(addIds(std::move(request)));
    changed_.notify_all();
}

void JanusSignaling::readLoop() {
    for (;;) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_) return;
        }
        auto text = ws_.receive(kReadSlice);
        if (!text) {
            if (ws_.closed()) return;
            continue;
        }
        if (!Json::valid(*text)) continue;
        Json message = Json::parse(*text);
        {
            std::lock_guard lock(mutex_);
            const rapidjson::Value *tx = message.find("/transaction");
            if (tx && tx->IsString()) {
                auto it = replies_.find(tx->GetString());
                if (it != replies_.end()) {
                    it->second.push_back(std::move(message));
                    changed_.notify_all();
                    continue;
                }
            }
        }
        if (on_event_) on_event_(message);
    }
}

void JanusSignaling::writeLoop() {
    auto next_keepalive = std::chrono::steady_clock::now() + kKeepaliveInterval;
    std::unique_lock lock(mutex_);
    for (;;) {
        changed_.wait_until(lock, next_keepalive, [&] { return stopping_ || !outbox_.empty(); });
        if (stopping_) return;
        if (auto now = std::chrono::steady_clock::now(); now >= next_keepalive) {
            if (session_) outbox_.push_back(addIds(Json().set("janus", "keepalive")));
            next_keepalive = now + kKeepaliveInterval;
        }
        while (!outbox_.empty()) {
            Json message = std::move(outbox_.front());
            outbox_.pop_front();
            lock.unlock();
            {
                std::lock_guard send_lock(send_mutex_);
                ws_.send(message.text());
            }
            lock.lock();
        }
    }
}

} // namespace portunus::test
