// The JSON the sfu sends, in Janus videoroom's shapes: the error event,
// publisher descriptions with their streams, and event skeletons.
#pragma once

#include "room.hpp"

#include <rapidjson/document.h>

#include <string>

namespace portunus::sfu {

// {"videoroom": kind, "room": id}
rapidjson::Document roomEvent(const char *kind, uint64_t room);
// {"videoroom":"event","error_code":code,"error":text}
std::string errorEvent(int code, const std::string &text);

// One publisher: {"id","display","streams":[{type,mindex,mid,codec,...}],"talking"?}
Value publisherJson(const Participant &p, bool audiolevel_event, Allocator &a);
// {"videoroom":"event","room","publishers":[p]}: a publisher (re)announced.
std::string publisherEvent(const Room &room, const Participant &p);
// The active publishers of the room, except `except`.
Value publishersJson(const Room &room, const Participant *except, Allocator &a);

} // namespace portunus::sfu
