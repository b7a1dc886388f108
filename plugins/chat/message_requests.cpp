// Sequenced requests: message (to the room or privately), announcement, edit
// and delete — stored before they are acknowledged or fanned out — and the
// ephemeral typing indicator.
#include "chat_service.hpp"
#include "events.hpp"

namespace portunus::chat {

namespace {

// A retried send (same room, sender and client_msg_id) finds the original.
bool findOriginal(Store &store, const MessageRow &row, ChatService::Outcome &out) {
    if (row.client_msg_id.empty()) return false;
    auto found = store.findByClientId(row.room, row.sender, row.client_msg_id);
    if (!found) return false;
    out.row = *found;
    out.duplicate = true;
    return true;
}

void stamp(MessageRow &row, Store &store, Sequencer &sequencer) {
    row.sequence = sequencer.next(row.room);
    row.ts_ms = wallMs();
    row.id = store.insert(row);
}

} // namespace

void ChatService::checkText(const std::string &text) const {
    if (text.size() > config_.max_message_bytes)
        throw ChatError(kMessageTooLarge, "Message too large (" + std::to_string(text.size()) + " bytes, at most " +
                                              std::to_string(config_.max_message_bytes) + ")");
}

void ChatService::checkMaySend(const Origin &o) const {
    const auto &ticket = o.peer->ticket;
    if (!ticket) return;
    if (!ticket->allows("chat")) throw ChatError(kNoChatPermission, "The join ticket does not grant chat");
    if (plugin_.userTimedOut(ticket->channel_id, ticket->user_uid))
        throw ChatError(kTimedOut, "Timed out in channel " + ticket->channel_id + ": sending is refused until it ends");
}

void ChatService::message(const Origin &o, const Request &r, bool announcement) {
    MessageRow row;
    row.room = r.needRoom();
    row.text = r.needText();
    row.kind = announcement ? "announcement" : "message";
    row.recipients = announcement ? std::vector<std::string>{} : r.to;
    row.client_msg_id = r.client_msg_id.value_or("");
    checkText(row.text);
    checkMaySend(o);
    {
        std::lock_guard lock(mutex_);
        Room &room = rooms_.get(row.room);
        if (announcement) {
            room.checkSecret(r.secret);
        } else {
            row.sender = memberName(*o.peer, row.room);
            if (room.muted.count(row.sender)) throw ChatError(kMuted, "Muted in room " + std::to_string(row.room));
            for (const auto &name : row.recipients) room.member(name);
            if (!limiter_.allow(row.sender, steadyMs())) throw ChatError(kRateLimited, "Too many messages; slow down");
        }
    }
    auto outcome = std::make_shared<Outcome>();
    writer_->submit(
        [row, outcome](Store &store, Sequencer &sequencer) mutable {
            if (findOriginal(store, row, *outcome)) return;
            stamp(row, store, sequencer);
            outcome->row = row;
        },
        [this, o, outcome, ack = r.ack](const std::optional<ChatError> &error) {
            error ? fail(o, *error) : deliver(o, *outcome, ack);
        });
}

void ChatService::editMessage(const Origin &o, const Request &r, bool remove) {
    MessageRow row;
    row.room = r.needRoom();
    row.ref = r.needSequence();
    row.kind = remove ? "delete" : "edit";
    row.client_msg_id = r.client_msg_id.value_or("");
    if (!remove) {
        row.text = r.needText();
        checkText(row.text);
        checkMaySend(o);
    }
    bool moderator;
    {
        std::lock_guard lock(mutex_);
        Room &room = rooms_.get(row.room);
        row.sender = memberName(*o.peer, row.room);
        moderator = !room.settings.secret.empty() && r.secret == room.settings.secret;
        if (!remove && room.muted.count(row.sender)) throw ChatError(kMuted, "Muted in room " + std::to_string(row.room));
        if (!limiter_.allow(row.sender, steadyMs())) throw ChatError(kRateLimited, "Too many messages; slow down");
    }
    auto outcome = std::make_shared<Outcome>();
    writer_->submit(
        [row, outcome, moderator, remove](Store &store, Sequencer &sequencer) mutable {
            if (findOriginal(store, row, *outcome)) return;
            auto original = store.find(row.room, row.ref);
            if (!original || original->kind != "message" || original->deleted)
                throw ChatError(kNoSuchMessage, "No such message (" + std::to_string(row.ref) + ")");
            if (original->sender != row.sender && !moderator)
                throw ChatError(kNotAuthor, "Only the author or a moderator may change a message");
            row.recipients = original->recipients;
            stamp(row, store, sequencer);
            if (remove) store.markDeleted(row.room, row.ref);
            else store.markEdited(row.room, row.ref, row.text);
            outcome->row = row;
            outcome->also = original->sender;
        },
        [this, o, outcome](const std::optional<ChatError> &error) {
            error ? fail(o, *error) : deliver(o, *outcome, true);
        });
}

void ChatService::deliver(const Origin &o, const Outcome &outcome, bool ack) {
    const MessageRow &row = outcome.row;
    std::vector<Recipient> to;
    if (!outcome.duplicate) { // a retry is answered, never delivered again
        std::lock_guard lock(mutex_);
        noteCommitted(row.room, row.sequence);
        if (Room *room = rooms_.find(row.room))
            to = Rooms::recipients(*room, row.recipients, outcome.also.empty() ? row.sender : outcome.also);
    }
    if (ack) {
        JsonOut reply = success(o.transaction);
        reply.add("room", row.room).add("sequence", row.sequence).add("id", row.id).add("ts", row.ts_ms);
        if (row.ref) reply.add("ref", row.ref);
        o.reply(reply.add("duplicate", outcome.duplicate).str());
    }
    sendAll(to, liveEvent(row));
}

void ChatService::typing(const Origin &o, const Request &r) {
    uint64_t id = r.needRoom();
    std::string user;
    std::vector<Recipient> to;
    bool sent;
    {
        std::lock_guard lock(mutex_);
        user = memberName(*o.peer, id);
        Room &room = rooms_.get(id);
        sent = typing_.allow(id, user, steadyMs());
        if (sent)
            for (const auto &[name, m] : room.members)
                if (name != user) to.push_back({m.peer, m.front});
    }
    // Never stored: it goes to whoever is in the room now, or nowhere.
    if (sent)
        sendAll(to, event("typing", id)
                        .add("username", user)
                        .add("typing", r.typing)
                        .add("expires_ms", static_cast<uint64_t>(config_.typing_expiry_ms))
                        .str());
    o.reply(success(o.transaction).add("room", id).add("sent", sent).str());
}

} // namespace portunus::chat
