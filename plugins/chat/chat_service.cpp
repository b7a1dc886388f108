#include "chat_service.hpp"

#include "events.hpp"

#include <chrono>

namespace portunus::chat {

int64_t wallMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

int64_t steadyMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

ChatService::ChatService(const portunus::Plugin &plugin, ChatConfig config)
    : plugin_(plugin), config_(std::move(config)), pacer_(config_.receipts_interval_ms),
      typing_(config_.typing_interval_ms), limiter_(config_.rate_per_s, config_.rate_burst) {}

ChatService::~ChatService() { stop(); }

bool ChatService::start(std::string &error) {
    const portunus_host &host = plugin_.host();
    try {
        sqlite3 *wdb = host.storage_open(&host);
        if (!wdb) throw StorageError("cannot open the server's sqlite store");
        writer_ = std::make_unique<Writer>(std::make_unique<Store>(wdb), config_.max_batch,
                                           [this](const std::string &what) { plugin_.log(PORTUNUS_LOG_ERROR, what); });
        // Loading happens before the writer thread runs, on its connection.
        writer_->startWith([this](Store &store, Sequencer &sequencer) {
            for (const auto &[id, settings] : config_.rooms) rooms_.add(id, settings, false);
            for (const auto &stored : store.rooms())
                if (!rooms_.exists(stored.id)) rooms_.add(stored.id, stored.settings, true);
            for (const auto &[room, last] : store.lastSequences()) {
                sequencer.load(room, last);
                committed_[room] = last;
            }
            for (const auto &[key, cursor] : store.cursors()) book_.load(key.first, key.second, cursor);
        });
        sqlite3 *rdb = host.storage_open(&host);
        if (!rdb) throw StorageError("cannot open the server's sqlite store");
        reader_ = std::make_unique<Reader>(std::make_unique<Store>(rdb));
    } catch (const std::exception &e) {
        error = std::string("chat storage: ") + e.what();
        return false;
    }
    sweep_timer_ = host.timer_start(
        &host, nullptr, config_.archive_sweep_s * 1000, config_.archive_sweep_s * 1000,
        [](void *self) { static_cast<ChatService *>(self)->sweepArchive(); }, this);
    return true;
}

void ChatService::stop() {
    const portunus_host &host = plugin_.host();
    if (sweep_timer_) host.timer_cancel(&host, sweep_timer_);
    sweep_timer_ = 0;
    // Cancelling waits for a running timer callback, and flushReceipts takes
    // mutex_: collect the timers under the lock, cancel them after it.
    std::vector<uint64_t> timers;
    {
        std::lock_guard lock(mutex_);
        stopped_ = true;
        for (const auto &[room, timer] : receipt_timers_) timers.push_back(timer.id);
    }
    for (uint64_t id : timers) host.timer_cancel(&host, id);
    {
        std::lock_guard lock(mutex_);
        receipt_timers_.clear();
    }
    if (writer_) writer_->stop();
    if (reader_) reader_->stop();
}

void ChatService::serve(const std::shared_ptr<Peer> &peer, Front front, std::string_view transaction,
                        std::string_view json, std::string_view jsep) {
    Origin origin{peer, front, std::string(transaction), {}};
    try {
        Request req = parseRequest(json, front == Front::signaling ? "request" : "textroom");
        origin.transaction = req.transaction.empty() ? origin.envelope : req.transaction;
        dispatch(origin, req, jsep);
    } catch (const ChatError &e) {
        origin.transaction = transactionOf(json);
        if (origin.transaction.empty()) origin.transaction = origin.envelope;
        fail(origin, e);
    }
}

void ChatService::dispatch(const Origin &o, const Request &r, std::string_view jsep) {
    switch (r.verb) {
    case Verb::setup:
    case Verb::ack:
    case Verb::restart: return setup(o, r, jsep);
    case Verb::create: return create(o, r);
    case Verb::edit_room: return editRoom(o, r);
    case Verb::destroy: return destroy(o, r);
    case Verb::exists: return exists(o, r);
    case Verb::list: return list(o, r);
    case Verb::listparticipants: return listParticipants(o, r);
    case Verb::allowed: return allowed(o, r);
    case Verb::kick:
    case Verb::mute:
    case Verb::unmute:
    case Verb::ban:
    case Verb::unban: return moderate(o, r);
    case Verb::join: return join(o, r);
    case Verb::leave: return leave(o, r);
    case Verb::message: return message(o, r, false);
    case Verb::announcement: return message(o, r, true);
    case Verb::edit_message: return editMessage(o, r, false);
    case Verb::delete_message: return editMessage(o, r, true);
    case Verb::history: return history(o, r);
    case Verb::receipt: return receipt(o, r);
    case Verb::receipts: return receipts(o, r);
    case Verb::typing: return typing(o, r);
    }
}

void ChatService::fail(const Origin &o, const ChatError &e) const {
    // Reasons never carry secrets or pins, so the line is safe to log as is.
    plugin_.log(PORTUNUS_LOG_INFO, "handle " + std::to_string(o.peer->handleId()) + ": request refused (" +
                                       std::to_string(e.code()) + "): " + e.what());
    o.reply(errorReply(o.transaction, e.code(), e.what()));
}

const std::string &ChatService::memberName(const Peer &peer, uint64_t room) const {
    auto it = peer.rooms.find(room);
    if (it == peer.rooms.end()) throw ChatError(kNotInRoom, "Not in room " + std::to_string(room));
    return it->second;
}

void ChatService::noteCommitted(uint64_t room, uint64_t sequence) {
    uint64_t &last = committed_[room];
    if (sequence > last) last = sequence;
}

void ChatService::sendAll(const std::vector<Recipient> &to, const std::string &json) {
    for (const auto &r : to) r.peer->send(r.front, {}, json);
}

void ChatService::leaveAll(const std::shared_ptr<Peer> &peer, bool only_datachannel) {
    std::vector<std::pair<std::vector<Recipient>, std::string>> events;
    {
        std::lock_guard lock(mutex_);
        for (auto it = peer->rooms.begin(); it != peer->rooms.end();) {
            auto [room_id, username] = *it++;
            Room *room = rooms_.find(room_id);
            if (!room) continue;
            auto m = room->members.find(username);
            if (m == room->members.end() || (only_datachannel && m->second.front != Front::datachannel)) continue;
            auto to = removeMember(*room, username);
            peer->rooms.erase(room_id);
            events.emplace_back(std::move(to), event("leave", room_id).add("username", username).str());
        }
    }
    for (const auto &[to, json] : events) sendAll(to, json);
}

std::string ChatService::describe(const Peer &peer) {
    std::lock_guard lock(mutex_);
    JsonArray rooms;
    for (const auto &[room, username] : peer.rooms) rooms.push(JsonOut().add("room", room).add("username", username).str());
    return JsonOut().raw("rooms", rooms.str()).str();
}

} // namespace portunus::chat
