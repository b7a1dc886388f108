#include "subscriber_slots.hpp"

namespace portunus::sfu {

size_t allocateSlot(std::vector<SubscriberSlot> &slots, MediaKind kind, const std::string &codec) {
    size_t i = 0;
    while (i < slots.size() && (slots[i].active || slots[i].kind != kind)) ++i;
    if (i == slots.size()) {
        slots.push_back({});
        slots[i].mindex = static_cast<uint32_t>(i);
        slots[i].mid = std::to_string(i);
        slots[i].kind = kind;
    }
    SubscriberSlot &s = slots[i];
    s.active = true;
    s.codec = codec;
    s.send = true;
    s.substream = s.temporal = -1;
    return i;
}

void releaseSlot(SubscriberSlot &slot) {
    slot.active = false;
    slot.feed_id = 0;
    slot.feed_mid.clear();
    slot.feed_display.clear();
}

std::string offerOptionsJson(const std::vector<SubscriberSlot> &slots) {
    rapidjson::Document d(rapidjson::kObjectType);
    auto &a = d.GetAllocator();
    Value streams(rapidjson::kArrayType);
    for (const auto &s : slots) {
        Value o(rapidjson::kObjectType);
        o.AddMember("mid", str(s.mid, a), a);
        o.AddMember("kind", rapidjson::StringRef(kindName(s.kind)), a);
        if (s.kind != MediaKind::data) {
            if (auto c = offerCodec(s.codec)) {
                o.AddMember("codec", rapidjson::StringRef(c->name), a);
                o.AddMember("payload_type", c->payload_type, a);
                if (*c->fmtp) o.AddMember("fmtp", rapidjson::StringRef(c->fmtp), a);
                if (c->rtx_payload_type) o.AddMember("rtx_payload_type", c->rtx_payload_type, a);
            }
            // A removed slot names no track: two of them would carry the same msid.
            if (s.active) {
                std::string stream = "feed" + std::to_string(s.feed_id);
                o.AddMember("msid", str(stream + " " + stream + "-" + s.feed_mid, a), a);
            }
        }
        o.AddMember("direction", "sendonly", a);
        o.AddMember("active", s.active, a);
        streams.PushBack(o, a);
    }
    d.AddMember("streams", streams, a);
    return toJson(d);
}

Value slotsJson(const std::vector<SubscriberSlot> &slots, Allocator &a) {
    Value list(rapidjson::kArrayType);
    for (const auto &s : slots) {
        Value o(rapidjson::kObjectType);
        o.AddMember("type", rapidjson::StringRef(kindName(s.kind)), a);
        o.AddMember("active", s.active, a);
        o.AddMember("mindex", s.mindex, a);
        o.AddMember("mid", str(s.mid, a), a);
        if (s.active) {
            o.AddMember("ready", false, a);
            o.AddMember("send", s.send, a);
            o.AddMember("feed_id", s.feed_id, a);
            o.AddMember("feed_mid", str(s.feed_mid, a), a);
            if (!s.feed_display.empty()) o.AddMember("feed_display", str(s.feed_display, a), a);
            if (!s.codec.empty()) o.AddMember("codec", str(s.codec, a), a);
        }
        list.PushBack(o, a);
    }
    return list;
}

} // namespace portunus::sfu
