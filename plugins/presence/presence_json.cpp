#include "presence_json.hpp"

namespace portunus::presence {

void writeString(JsonWriter &w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

void writeUint(JsonWriter &w, std::string_view key, uint64_t value) {
    writeString(w, key);
    w.Uint64(value);
}

void writeMemberFields(JsonWriter &w, const MemberView &m) {
    w.Key("user");
    writeString(w, m.user);
    w.Key("status");
    writeString(w, statusName(m.status));
    writeUint(w, "devices", m.devices);
    w.Key("status_text");
    writeString(w, m.status_text);
    w.Key("last_seen");
    if (m.last_seen_ms) w.Int64(*m.last_seen_ms);
    else w.Null();
}

void writeMember(JsonWriter &w, const MemberView &m) {
    w.StartObject();
    writeMemberFields(w, m);
    w.EndObject();
}

void writeCounts(JsonWriter &w, const Counts &c) {
    w.StartObject();
    writeUint(w, "online", c.online);
    writeUint(w, "away", c.away);
    w.EndObject();
}

std::string memberEvent(const MemberChange &change) {
    rapidjson::StringBuffer buf;
    JsonWriter w(buf);
    w.StartObject();
    w.Key("presence");
    w.String("event");
    w.Key("scope");
    writeString(w, change.scope);
    writeMemberFields(w, change.member);
    w.EndObject();
    return {buf.GetString(), buf.GetSize()};
}

} // namespace portunus::presence
