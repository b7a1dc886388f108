// The JSON clients read: the `presence` event of a changed member, and the
// pieces replies share (a member, counts). Written with RapidJSON's writer, so
// nothing is parsed to be written.
#pragma once

#include "presence_types.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <string_view>

namespace portunus::presence {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void writeString(JsonWriter &w, std::string_view s);
void writeUint(JsonWriter &w, std::string_view key, uint64_t value);
// The member's fields without the enclosing braces: user, status, devices, status_text, last_seen.
void writeMemberFields(JsonWriter &w, const MemberView &m);
void writeMember(JsonWriter &w, const MemberView &m);
void writeCounts(JsonWriter &w, const Counts &c);

// {"presence":"event","scope":...,"user":...,"status":...,"devices":n,"status_text":...,"last_seen":ms|null}
std::string memberEvent(const MemberChange &change);

} // namespace portunus::presence
