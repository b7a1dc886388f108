// The JSON the plugin sends: replies ("success"/"error" with the request's
// transaction) and events, the same text on both fronts. Field names follow
// Janus textroom where it has them (textroom, transaction, room, from, date,
// text, whisper, username, display, participants, error_code, error).
#pragma once

#include "json_out.hpp"
#include "store.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace portunus::chat {

// {"textroom":"success","transaction":...} to add fields to.
JsonOut success(std::string_view transaction);
std::string errorReply(std::string_view transaction, int code, std::string_view reason);
// {"textroom": kind, "room": room} to add fields to.
JsonOut event(const char *kind, uint64_t room);

// "2024-05-01T12:00:00Z" (UTC, as Janus textroom's "date").
std::string dateString(int64_t ms);

// A sequenced event as it goes out live: message, announcement, edit, delete.
std::string liveEvent(const MessageRow &row);
// A row as history shows it to `viewer`: current text, "edited", a tombstone
// ("deleted", no text) for deleted ones, "hidden" for others' private messages.
std::string historyItem(const MessageRow &row, const std::string &viewer);

} // namespace portunus::chat
