#include "session/client_events.hpp"

#include "api/json.hpp"

namespace portunus::events {

namespace {
rapidjson::Document base(std::string_view kind, uint64_t session, uint64_t handle) {
    auto d = api::reply(kind, std::nullopt, session);
    if (handle) d.AddMember("sender", handle, d.GetAllocator());
    return d;
}
} // namespace

std::string detached(uint64_t session, uint64_t handle) { return api::toJson(base("detached", session, handle)); }
std::string timeout(uint64_t session) { return api::toJson(base("timeout", session, 0)); }
std::string webrtcUp(uint64_t session, uint64_t handle) { return api::toJson(base("webrtcup", session, handle)); }

std::string hangup(uint64_t session, uint64_t handle, std::string_view reason) {
    auto d = base("hangup", session, handle);
    d.AddMember("reason", api::str(reason, d.GetAllocator()), d.GetAllocator());
    return api::toJson(d);
}

std::string media(uint64_t session, uint64_t handle, std::string_view mid, std::string_view type, bool receiving) {
    auto d = base("media", session, handle);
    auto &a = d.GetAllocator();
    d.AddMember("mid", api::str(mid, a), a);
    d.AddMember("type", api::str(type, a), a);
    d.AddMember("receiving", receiving, a);
    return api::toJson(d);
}

std::string slowLink(uint64_t session, uint64_t handle, std::string_view mid, std::string_view type, bool uplink,
                     uint64_t lost) {
    auto d = base("slowlink", session, handle);
    auto &a = d.GetAllocator();
    d.AddMember("mid", api::str(mid, a), a);
    d.AddMember("media", api::str(type, a), a);
    d.AddMember("uplink", uplink, a);
    d.AddMember("lost", lost, a);
    return api::toJson(d);
}

std::string trickle(uint64_t session, uint64_t handle, std::string_view mid, uint16_t mindex, std::string_view candidate) {
    auto d = base("trickle", session, handle);
    auto &a = d.GetAllocator();
    rapidjson::Value c(rapidjson::kObjectType);
    if (candidate.empty()) {
        c.AddMember("completed", true, a);
    } else {
        c.AddMember("sdpMid", api::str(mid, a), a);
        c.AddMember("sdpMLineIndex", mindex, a);
        c.AddMember("candidate", api::str(candidate, a), a);
    }
    d.AddMember("candidate", c, a);
    return api::toJson(d);
}

} // namespace portunus::events
