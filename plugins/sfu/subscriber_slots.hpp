// The m-lines of a subscriber's one PeerConnection. A new subscription
// reuses an inactive m-line of the same kind (one whose feed went away or was
// unsubscribed) before it appends one, so the SDP keeps its order across
// renegotiations as JSEP requires; mids are the m-line indexes ("0", "1"...).
#pragma once

#include "json_fields.hpp"
#include "media_kind.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace portunus::sfu {

struct SubscriberSlot {
    uint32_t mindex = 0;
    std::string mid;
    MediaKind kind = MediaKind::audio;
    bool active = false; // false: port 0 in the offer, free for reuse
    uint64_t feed_id = 0;
    std::string feed_mid;
    std::string feed_display;
    std::string codec; // the feed's codec; kept when inactive (the offer still names one)
    bool send = true;  // configure "send"
    int substream = -1, temporal = -1; // simulcast targets, -1 = highest
};

// Puts a subscription of `kind`/`codec` on an m-line; returns its index.
size_t allocateSlot(std::vector<SubscriberSlot> &slots, MediaKind kind, const std::string &codec);
// Frees an m-line (it goes inactive in the next offer).
void releaseSlot(SubscriberSlot &slot);

// The sdp_offer options (plugin.h) for these m-lines.
std::string offerOptionsJson(const std::vector<SubscriberSlot> &slots);
// The `streams` array of attached/updated/switched events.
Value slotsJson(const std::vector<SubscriberSlot> &slots, Allocator &a);

} // namespace portunus::sfu
