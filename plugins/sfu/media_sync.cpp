// Plans for the media path, built from a room's state (its mutex held) and
// posted to the loop of the handle they serve (media_path.hpp).
#include "sfu.hpp"

namespace portunus::sfu {

void Sfu::syncPublisher(Room &room, Participant &p) {
    auto plan = std::make_shared<MediaPlan>();
    plan->version = ++p.plan_version;
    for (const auto &stream : p.streams) {
        if (!stream.media) continue;
        if (plan->lines.size() <= stream.mindex) plan->lines.resize(stream.mindex + 1);
        auto &line = plan->lines[stream.mindex];
        line.stream = stream.media;
        stream.media->forward.store(stream.send && !stream.moderated, std::memory_order_relaxed);
        for (const auto &sub : room.subscriptions)
            for (size_t i = 0; i < sub->slots.size(); ++i) {
                const SubscriberSlot &slot = sub->slots[i];
                if (slot.active && slot.feed_id == p.id && slot.feed_mid == stream.mid && sub->targets[i])
                    line.targets.push_back(sub->targets[i]);
            }
    }
    std::shared_ptr<const MediaPlan> install = std::move(plan);
    runOnLoop(p.handle.get(), [path = p.path, install] { path->install(install); });
}

void Sfu::syncSubscriber(Room &room, Subscription &s) {
    auto plan = std::make_shared<FeedPlan>();
    plan->version = ++s.plan_version;
    plan->lines.resize(s.slots.size());
    for (size_t i = 0; i < s.slots.size(); ++i) {
        const SubscriberSlot &slot = s.slots[i];
        if (s.targets[i]) s.targets[i]->send.store(slot.active && slot.send && !s.paused, std::memory_order_relaxed);
        Participant *p = slot.active ? room.participant(slot.feed_id) : nullptr;
        PublisherStream *stream = p ? p->stream(slot.feed_mid) : nullptr;
        if (!stream || !stream->media) continue;
        plan->lines[i] = {p->handle, static_cast<uint16_t>(stream->mindex), stream->media};
    }
    std::shared_ptr<const FeedPlan> install = std::move(plan);
    runOnLoop(s.handle.get(), [path = s.path, install] { path->install(install); });
}

void Sfu::syncFeeds(Room &room, const std::set<uint64_t> &feeds) {
    for (uint64_t id : feeds)
        if (Participant *p = room.participant(id)) syncPublisher(room, *p);
}

void Sfu::closeLater(const HandleRef &handle) {
    runOnLoop(handle.get(), [h = &host(), handle] { h->close_pc(handle.get().raw()); });
}

void Sfu::notifyParticipants(Room &room, const std::string &json, const Participant *except) {
    for (const auto &[id, p] : room.participants)
        if (p.get() != except && p->in_room) pushEvent(p->handle.get(), {}, json);
}

} // namespace portunus::sfu
