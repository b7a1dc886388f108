#include "events.hpp"

#include <algorithm>
#include <ctime>

namespace portunus::chat {

JsonOut success(std::string_view transaction) {
    JsonOut out;
    out.add("textroom", "success");
    if (!transaction.empty()) out.add("transaction", transaction);
    return out;
}

std::string errorReply(std::string_view transaction, int code, std::string_view reason) {
    JsonOut out;
    out.add("textroom", "error");
    if (!transaction.empty()) out.add("transaction", transaction);
    return out.add("error_code", code).add("error", reason).str();
}

JsonOut event(const char *kind, uint64_t room) {
    JsonOut out;
    out.add("textroom", kind).add("room", room);
    return out;
}

std::string dateString(int64_t ms) {
    std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

namespace {

void addRecipients(JsonOut &out, const MessageRow &row) {
    if (row.recipients.empty()) return;
    JsonArray to;
    for (const auto &name : row.recipients) to.pushString(name);
    out.raw("to", to.str());
}

void addIdentity(JsonOut &out, const MessageRow &row) {
    out.add("sequence", row.sequence).add("id", row.id).add("ts", row.ts_ms).add("date", dateString(row.ts_ms));
}

} // namespace

std::string liveEvent(const MessageRow &row) {
    JsonOut out = event(row.kind.c_str(), row.room);
    addIdentity(out, row);
    if (row.kind != "announcement") out.add("from", row.sender);
    if (row.kind == "message") out.add("whisper", !row.recipients.empty());
    if (row.kind == "edit" || row.kind == "delete") out.add("ref", row.ref);
    if (row.kind != "delete") out.add("text", row.text);
    if (!row.client_msg_id.empty()) out.add("client_msg_id", row.client_msg_id);
    addRecipients(out, row);
    return out.str();
}

std::string historyItem(const MessageRow &row, const std::string &viewer) {
    JsonOut out;
    bool hidden = !row.recipients.empty() && row.sender != viewer &&
                  std::find(row.recipients.begin(), row.recipients.end(), viewer) == row.recipients.end();
    out.add("kind", hidden ? "hidden" : row.kind);
    addIdentity(out, row);
    if (hidden) return out.str();
    if (row.kind != "announcement") out.add("from", row.sender);
    if (row.kind == "edit" || row.kind == "delete") out.add("ref", row.ref);
    if (row.deleted) out.add("deleted", true);
    else if (row.kind != "delete") out.add("text", row.text);
    if (row.edited) out.add("edited", true);
    if (!row.client_msg_id.empty()) out.add("client_msg_id", row.client_msg_id);
    addRecipients(out, row);
    return out.str();
}

} // namespace portunus::chat
