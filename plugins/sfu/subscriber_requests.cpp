// Asynchronous requests of subscribers (one multistream PeerConnection per
// subscriber handle): join (ptype subscriber), subscribe, unsubscribe,
// update, start, pause, configure, switch, leave. Changes that alter the
// m-lines send a new offer (`attached` first, `updated` afterwards).
#include "sfu.hpp"

namespace portunus::sfu {

namespace {

// Finds a subscriber m-line by mid; 430 when there is none.
SubscriberSlot &slotByMid(Subscription &s, const std::string &mid, const char *field) {
    for (auto &slot : s.slots)
        if (slot.mid == mid) return slot;
    throw SfuError(kErrorInvalidElement, std::string("Invalid element (") + field + ": no m-line " + mid + ")");
}

int layer(std::optional<uint64_t> v) { return static_cast<int>(std::min<uint64_t>(*v, 2)); }

// The layers a stream asks for: "substream"/"temporal" (simulcast) or, as
// Janus names them for SVC, "spatial_layer"/"temporal_layer".
std::pair<std::optional<uint64_t>, std::optional<uint64_t>> layersOf(const Value &item) {
    auto substream = optUint(item, "substream");
    auto temporal = optUint(item, "temporal");
    if (!substream) substream = optUint(item, "spatial_layer");
    if (!temporal) temporal = optUint(item, "temporal_layer");
    return {substream, temporal};
}

rapidjson::Document streamsEvent(const char *kind, uint64_t room, const Subscription &s) {
    auto event = roomEvent(kind, room);
    event.AddMember("streams", slotsJson(s.slots, event.GetAllocator()), event.GetAllocator());
    return event;
}

} // namespace

std::set<uint64_t> feedsOf(const Subscription &s) {
    std::set<uint64_t> feeds;
    for (const auto &slot : s.slots)
        if (slot.active) feeds.insert(slot.feed_id);
    return feeds;
}

void Sfu::subscribe(Room &room, Subscription &s, const Value &streams) {
    for (const auto &item : streams.GetArray()) {
        if (!item.IsObject()) throw SfuError(kErrorInvalidElement, "Invalid element type (streams should be an array of objects)");
        uint64_t feed = reqUint(item, "feed");
        auto mid = optString(item, "mid");
        auto [substream, temporal] = layersOf(item);
        Participant *p = room.participant(feed);
        if (!p || !p->publishing()) throw SfuError(kErrorNoSuchFeed, "No such feed (" + std::to_string(feed) + ")");
        bool found = false;
        for (const auto &ps : p->streams) {
            if (ps.disabled || !ps.media || (mid && ps.mid != *mid)) continue;
            found = true;
            size_t i = allocateSlot(s.slots, ps.kind, ps.codec);
            SubscriberSlot &slot = s.slots[i];
            slot.feed_id = feed;
            slot.feed_mid = ps.mid;
            slot.feed_display = p->display;
            if (s.targets.size() <= i) s.targets.resize(i + 1);
            uint8_t pt = offerCodec(ps.codec) ? offerCodec(ps.codec)->payload_type : 0;
            auto &t = s.targets[i];
            if (!t || t->payload_type != pt) t = std::make_shared<Target>(s.handle, static_cast<uint16_t>(i), pt);
            else t->generation.fetch_add(1, std::memory_order_acq_rel);
            if (substream) t->substream.store(slot.substream = layer(substream), std::memory_order_relaxed);
            if (temporal) t->temporal.store(slot.temporal = layer(temporal), std::memory_order_relaxed);
        }
        if (!found)
            throw SfuError(kErrorNoSuchFeed, "No such stream (feed " + std::to_string(feed) + (mid ? ", mid " + *mid : "") + ")");
    }
}

void Sfu::unsubscribe(Subscription &s, const Value &streams) {
    for (const auto &item : streams.GetArray()) {
        if (!item.IsObject()) throw SfuError(kErrorInvalidElement, "Invalid element type (streams should be an array of objects)");
        auto feed = optUint(item, "feed");
        auto mid = optString(item, "mid");
        auto sub_mid = optString(item, "sub_mid");
        if (!feed && !sub_mid) throw SfuError(kErrorMissingElement, "Missing mandatory element (feed or sub_mid)");
        for (auto &slot : s.slots) {
            bool match = slot.active && (sub_mid ? slot.mid == *sub_mid
                                                 : slot.feed_id == *feed && (!mid || slot.feed_mid == *mid));
            if (match) releaseSlot(slot);
        }
    }
}

std::string Sfu::offerFor(Subscription &s) {
    if (s.offer_pending) {
        s.offer_wanted = true; // sent with the answer to the pending one (answered())
        return {};
    }
    if (!host().sdp_offer) throw SfuError(kErrorUnknown, "This server cannot make SDP offers yet");
    std::string sdp = sdpOffer(offerOptionsJson(s.slots));
    if (sdp.empty()) throw SfuError(kErrorUnknown, "Error creating the SDP offer");
    s.offer_pending = true;
    return jsepOffer(sdp);
}

void Sfu::renegotiate(Room &room, Subscription &s, const char *kind, std::string_view transaction) {
    try {
        std::string jsep = offerFor(s);
        if (!jsep.empty()) pushEvent(s.handle.get(), transaction, toJson(streamsEvent(kind, room.config.id, s)), jsep);
    } catch (const SfuError &e) {
        log(PORTUNUS_LOG_WARN, std::string("no new offer for a subscriber: ") + e.what());
    }
}

bool Sfu::answered(Subscription &s, std::string_view jsep) {
    if (jsep.empty()) return false;
    rapidjson::Document d;
    d.Parse(jsep.data(), jsep.size());
    auto type = d.IsObject() ? d.FindMember("type") : d.MemberEnd();
    if (type == d.MemberEnd() || !type->value.IsString() || std::string_view(type->value.GetString()) != "answer")
        return false;
    s.offer_pending = false;
    return std::exchange(s.offer_wanted, false);
}

void Sfu::sendQueuedOffer(Session &session) {
    std::lock_guard session_lock(session.mutex);
    if (!session.room || !session.subscription || !session.subscription->in_room) return;
    std::lock_guard lock(session.room->mutex);
    renegotiate(*session.room, *session.subscription, "updated");
}

AsyncReply Sfu::joinSubscriber(Request &r) {
    auto room = findRoom(r.body);
    std::lock_guard lock(room->mutex);
    const uint64_t room_id = room->config.id;
    if (room->destroyed) throw SfuError(kErrorNoSuchRoom, "No such room (" + std::to_string(room_id) + ")");
    checkChannel(r, room_id);
    auto private_id = optUint(r.body, "private_id");
    if (room->config.require_pvtid) {
        bool known = false;
        for (const auto &[id, p] : room->participants) known = known || (private_id && p->private_id == *private_id);
        if (!known) throw SfuError(kErrorUnauthorized, "Unauthorized (this room requires a valid private_id)");
    }
    const Value *streams = optArray(r.body, "streams");
    rapidjson::Document legacy(rapidjson::kArrayType);
    if (!streams) {
        uint64_t feed = reqUint(r.body, "feed"); // the pre-multistream form
        Value one(rapidjson::kObjectType);
        one.AddMember("feed", feed, legacy.GetAllocator());
        legacy.PushBack(one, legacy.GetAllocator());
        streams = &legacy;
    }
    auto sub = std::make_shared<Subscription>();
    sub->handle = HandleRef(host(), r.session.handle);
    sub->path = r.session.subscriber_path;
    sub->owner_private_id = static_cast<uint32_t>(private_id.value_or(0));
    subscribe(*room, *sub, *streams);
    if (Handle anchor = room->anchor()) host().colocate(r.session.handle.raw(), anchor.raw());
    std::string jsep = offerFor(*sub);
    room->subscriptions.push_back(sub);
    r.session.room = room;
    r.session.subscription = sub;
    r.session.participant.reset();
    syncSubscriber(*room, *sub);
    syncFeeds(*room, feedsOf(*sub));
    return {toJson(streamsEvent("attached", room_id, *sub)), jsep};
}

AsyncReply Sfu::subscriberRequest(Request &r) {
    std::lock_guard lock(r.session.room->mutex);
    // The core applied the answer this message carries: an offer queued
    // behind it goes out once this request is answered.
    bool offer_due = answered(*r.session.subscription, r.jsep);
    AsyncReply reply = subscriberCommand(r);
    reply.offer_after = offer_due;
    return reply;
}

AsyncReply Sfu::subscriberCommand(Request &r) {
    Room &room = *r.session.room;
    Subscription &s = *r.session.subscription;
    const uint64_t room_id = room.config.id;
    auto ok = [&](const char *key) {
        auto event = roomEvent("event", room_id);
        event.AddMember(rapidjson::StringRef(key), "ok", event.GetAllocator());
        return AsyncReply{toJson(event), {}};
    };
    if (r.name == "subscribe" || r.name == "unsubscribe" || r.name == "update") return updateSubscription(r);
    if (r.name == "switch") return switchFeeds(r);
    if (r.name == "configure") return configureSubscriber(r, room, s);
    if (r.name == "start" || r.name == "pause") {
        // start's answer (if any) has been applied by the core already.
        s.paused = r.name == "pause";
        syncSubscriber(room, s);
        return ok(s.paused ? "paused" : "started");
    }
    if (r.name == "leave") {
        removeSubscription(room, s);
        closeLater(s.handle);
        auto event = roomEvent("event", room_id);
        event.AddMember("left", "ok", event.GetAllocator());
        return {toJson(event), {}};
    }
    throw SfuError(kErrorInvalidRequest, "Unknown request '" + r.name + "' for a subscriber");
}

AsyncReply Sfu::updateSubscription(Request &r) {
    Room &room = *r.session.room;
    Subscription &s = *r.session.subscription;
    const Value *add = r.name == "subscribe" ? &reqArray(r.body, "streams") : nullptr;
    const Value *remove = r.name == "unsubscribe" ? &reqArray(r.body, "streams") : nullptr;
    if (r.name == "update") {
        add = optArray(r.body, "subscribe");
        remove = optArray(r.body, "unsubscribe");
        if (!add && !remove) throw SfuError(kErrorMissingElement, "Missing mandatory element (subscribe|unsubscribe)");
    }
    std::set<uint64_t> feeds = feedsOf(s);
    auto saved_slots = s.slots;
    auto saved_targets = s.targets;
    std::string jsep;
    try {
        if (remove) unsubscribe(s, *remove);
        if (add) subscribe(room, s, *add);
        jsep = offerFor(s);
    } catch (const SfuError &) {
        s.slots = std::move(saved_slots);
        s.targets = std::move(saved_targets);
        throw;
    }
    feeds.merge(feedsOf(s));
    syncSubscriber(room, s);
    syncFeeds(room, feeds);
    return {toJson(streamsEvent("updated", room.config.id, s)), jsep};
}

AsyncReply Sfu::switchFeeds(Request &r) {
    Room &room = *r.session.room;
    Subscription &s = *r.session.subscription;
    const Value &streams = reqArray(r.body, "streams");
    std::set<uint64_t> feeds = feedsOf(s);
    // Checked in full before anything changes.
    struct Change {
        SubscriberSlot *slot;
        Participant *feed;
        const PublisherStream *stream;
    };
    std::vector<Change> changes;
    for (const auto &item : streams.GetArray()) {
        if (!item.IsObject()) throw SfuError(kErrorInvalidElement, "Invalid element type (streams should be an array of objects)");
        uint64_t feed = reqUint(item, "feed");
        std::string mid = reqString(item, "mid");
        SubscriberSlot &slot = slotByMid(s, reqString(item, "sub_mid"), "sub_mid");
        Participant *p = room.participant(feed);
        const PublisherStream *ps = p ? p->stream(mid) : nullptr;
        if (!ps || ps->disabled || !ps->media) throw SfuError(kErrorNoSuchFeed, "No such feed (" + std::to_string(feed) + ", mid " + mid + ")");
        if (!slot.active) throw SfuError(kErrorInvalidElement, "Invalid element (sub_mid " + slot.mid + " is inactive: subscribe instead)");
        if (ps->kind != slot.kind || ps->codec != slot.codec)
            throw SfuError(kErrorInvalidElement, "Invalid element (feed " + std::to_string(feed) + " mid " + mid + " is " + ps->codec +
                                                     ", m-line " + slot.mid + " is " + slot.codec + ")");
        changes.push_back({&slot, p, ps});
    }
    for (const auto &c : changes) {
        c.slot->feed_id = c.feed->id;
        c.slot->feed_mid = c.stream->mid;
        c.slot->feed_display = c.feed->display;
        s.targets[c.slot->mindex]->generation.fetch_add(1, std::memory_order_acq_rel);
    }
    feeds.merge(feedsOf(s));
    syncSubscriber(room, s);
    syncFeeds(room, feeds);
    auto event = streamsEvent("event", room.config.id, s);
    event.AddMember("switched", "ok", event.GetAllocator());
    event.AddMember("changes", static_cast<uint64_t>(changes.size()), event.GetAllocator());
    return {toJson(event), {}};
}

namespace {

// One stream's settings from a subscriber's configure: Janus 1.x sends them
// per stream ({"streams":[{"mid","send","substream","temporal"}]}), older
// clients at the top of the body (then without a mid, for every stream).
void configureStreams(Subscription &s, const Value &item, bool mid_required) {
    auto mid = optString(item, "mid");
    if (mid_required && !mid) throw SfuError(kErrorMissingElement, "Missing element (mid)");
    auto send = optBool(item, "send");
    auto [substream, temporal] = layersOf(item);
    std::vector<SubscriberSlot *> slots;
    if (mid) slots.push_back(&slotByMid(s, *mid, "mid"));
    else
        for (auto &slot : s.slots) slots.push_back(&slot);
    for (SubscriberSlot *slot : slots) {
        if (send) slot->send = *send;
        const auto &t = s.targets[slot->mindex];
        if (!t || slot->kind != MediaKind::video) continue;
        if (substream) t->substream.store(slot->substream = layer(substream), std::memory_order_relaxed);
        if (temporal) t->temporal.store(slot->temporal = layer(temporal), std::memory_order_relaxed);
    }
}

} // namespace

AsyncReply Sfu::configureSubscriber(Request &r, Room &room, Subscription &s) {
    auto streams = r.body.FindMember("streams");
    if (streams == r.body.MemberEnd()) {
        configureStreams(s, r.body, false);
    } else {
        if (!streams->value.IsArray())
            throw SfuError(kErrorInvalidElement, "Invalid element type (streams should be an array of objects)");
        for (const auto &item : streams->value.GetArray()) {
            if (!item.IsObject())
                throw SfuError(kErrorInvalidElement, "Invalid element type (streams should be an array of objects)");
            configureStreams(s, item, true);
        }
    }
    syncSubscriber(room, s);
    auto event = roomEvent("event", room.config.id);
    event.AddMember("configured", "ok", event.GetAllocator());
    return {toJson(event), {}};
}

void Sfu::removeSubscription(Room &room, Subscription &s) {
    std::set<uint64_t> feeds = feedsOf(s);
    s.in_room = false;
    for (auto &slot : s.slots) releaseSlot(slot);
    std::erase_if(room.subscriptions, [&](const auto &x) { return x.get() == &s; });
    syncFeeds(room, feeds);
    syncSubscriber(room, s);
}

} // namespace portunus::sfu
