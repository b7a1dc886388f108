// One chat request, parsed and type-checked, whichever way it came: a plugin
// message over the Janus API ({"request": "join", ...}) or a textroom message
// on a data channel ({"textroom": "join", "transaction": ..., ...}).
//
// parseRequest checks the JSON and the type of every known field (413/414/415
// as ChatError); which fields a verb requires is checked where the verb is
// handled, through the need*() accessors.
#pragma once

#include "errors.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portunus::chat {

enum class Verb {
    // Signaling only: the data channel's PeerConnection.
    setup, ack, restart,
    // Rooms.
    create, edit_room, destroy, exists, list, listparticipants, allowed, kick, mute, unmute, ban, unban,
    join, leave,
    // Messages.
    message, announcement, edit_message, delete_message, history, receipt, receipts, typing,
};

const char *verbName(Verb verb);

struct Request {
    Verb verb = Verb::list;
    std::string transaction; // "" when the client gave none (signaling may omit it)

    std::optional<uint64_t> room;
    std::optional<std::string> username, display, pin, secret, token, admin_key;
    std::optional<std::string> description;
    std::optional<bool> is_private, permanent;
    std::optional<uint64_t> max_members;
    // edit (room): the new_* values.
    std::optional<std::string> new_description, new_secret, new_pin;
    std::optional<bool> new_is_private;
    std::optional<uint64_t> new_max_members;
    // allowed: "enable" | "disable" | "add" | "remove", and the tokens.
    std::optional<std::string> action;
    std::vector<std::string> allowed;

    // message / announcement / edit.
    std::optional<std::string> text;
    std::vector<std::string> to; // "to" and "tos" together: a private message
    bool ack = true;
    std::optional<std::string> client_msg_id;
    // edit / delete / receipts: the message referred to.
    std::optional<uint64_t> sequence;
    // history.
    std::optional<uint64_t> after_sequence, before_sequence, limit;
    bool archive = false;
    // receipt.
    std::optional<uint64_t> delivered, read;
    // typing.
    bool typing = true;

    uint64_t needRoom() const { return need(room, "room"); }
    const std::string &needUsername() const { return need(username, "username"); }
    const std::string &needText() const { return need(text, "text"); }
    uint64_t needSequence() const { return need(sequence, "sequence"); }

    template <typename T>
    static const T &need(const std::optional<T> &value, const char *name) {
        if (!value) throw ChatError(kMissingElement, std::string("Missing element (") + name + ")");
        return *value;
    }
};

// `key` is "request" (Janus API) or "textroom" (data channel). Throws ChatError.
Request parseRequest(std::string_view json, std::string_view key);

// The transaction of a request that failed to parse, so that its error can
// still be matched by the client ("" when there is none).
std::string transactionOf(std::string_view json);

} // namespace portunus::chat
