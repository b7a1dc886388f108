#include "events.hpp"

namespace portunus::sfu {

rapidjson::Document roomEvent(const char *kind, uint64_t room) {
    rapidjson::Document d(rapidjson::kObjectType);
    d.AddMember("videoroom", rapidjson::StringRef(kind), d.GetAllocator());
    d.AddMember("room", room, d.GetAllocator());
    return d;
}

std::string errorEvent(int code, const std::string &text) {
    rapidjson::Document d(rapidjson::kObjectType);
    auto &a = d.GetAllocator();
    d.AddMember("videoroom", "event", a);
    d.AddMember("error_code", code, a);
    d.AddMember("error", str(text, a), a);
    return toJson(d);
}

Value publisherJson(const Participant &p, bool audiolevel_event, Allocator &a) {
    Value o(rapidjson::kObjectType);
    o.AddMember("id", p.id, a);
    if (!p.display.empty()) o.AddMember("display", str(p.display, a), a);
    Value streams(rapidjson::kArrayType);
    bool talking = false;
    for (const auto &s : p.streams) {
        Value e(rapidjson::kObjectType);
        e.AddMember("type", rapidjson::StringRef(kindName(s.kind)), a);
        e.AddMember("mindex", s.mindex, a);
        e.AddMember("mid", str(s.mid, a), a);
        if (s.disabled) {
            e.AddMember("disabled", true, a);
            streams.PushBack(e, a);
            continue;
        }
        if (!s.codec.empty()) e.AddMember("codec", str(s.codec, a), a);
        if (!s.description.empty()) e.AddMember("description", str(s.description, a), a);
        if (s.moderated) e.AddMember("moderated", true, a);
        if (s.simulcast) e.AddMember("simulcast", true, a);
        if (audiolevel_event && s.kind == MediaKind::audio) e.AddMember("talking", s.talking, a);
        talking = talking || s.talking;
        streams.PushBack(e, a);
    }
    o.AddMember("streams", streams, a);
    if (audiolevel_event) o.AddMember("talking", talking, a);
    return o;
}

std::string publisherEvent(const Room &room, const Participant &p) {
    auto event = roomEvent("event", room.config.id);
    Value list(rapidjson::kArrayType);
    list.PushBack(publisherJson(p, room.config.audiolevel_event, event.GetAllocator()), event.GetAllocator());
    event.AddMember("publishers", list, event.GetAllocator());
    return toJson(event);
}

Value publishersJson(const Room &room, const Participant *except, Allocator &a) {
    Value list(rapidjson::kArrayType);
    for (const auto &[id, p] : room.participants)
        if (p.get() != except && p->active && p->publishing())
            list.PushBack(publisherJson(*p, room.config.audiolevel_event, a), a);
    return list;
}

} // namespace portunus::sfu
