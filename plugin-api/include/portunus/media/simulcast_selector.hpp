// Picks which simulcast layer (substream) of a publisher one subscriber gets,
// and which of its temporal layers. One per subscriber video stream; feed it
// every packet of the publisher's stream (all layers) and forward what it says.
//
// Substream 0 is the lowest quality, up to kMaxLayers. A layer is active when
// it had a packet in the last kInactiveAfterUs. The selector aims at the
// target layer; while the target is inactive it falls back to the best active
// layer below it (else the lowest active above it) and returns to the target
// when it is active again. It changes layer only at a keyframe of the layer it
// changes to (Decision::switched: call switchSource() on the stream's
// rewriters), and asks for one (Decision::want_keyframe, on every packet until
// it comes: throttle with KeyframeRequester). Packets of other layers are never
// forwarded.
//
// Temporal filtering: with a target temporal layer, packets of the current
// layer above it are not forwarded (Decision::dropped: call
// RtpRewriter::drop / Vp8Rewriter::drop so the receiver sees no gap). Going
// down is immediate; going up joins each higher layer at its next sync point
// (a packet with layer_sync, e.g. VP8's Y bit) or at the next layer switch.
//
// No allocation, no locks: used from the thread that forwards the stream.
#pragma once

#include <cstdint>

namespace portunus::media {

class SimulcastSelector {
public:
    static constexpr int kMaxLayers = 3;
    static constexpr int64_t kInactiveAfterUs = 1000000;

    struct Decision {
        bool forward;       // send this packet to the subscriber
        bool switched;      // the first packet of a new layer: switch the rewriters' source
        bool want_keyframe; // ask the publisher for a keyframe (throttled by the caller)
        bool dropped;       // a packet of the current layer held back by temporal filtering
    };

    // substream is clamped to [0, kMaxLayers); temporal -1 forwards all temporal layers.
    void setTarget(int substream, int temporal = -1);
    int target() const { return target_; }
    int targetTemporal() const { return target_temporal_; }
    int current() const { return current_; } // -1 before the first switch

    // temporal_id -1: unknown (forwarded). layer_sync: a higher temporal layer
    // may be joined at this packet (true when the codec does not say).
    Decision onPacket(int substream, bool keyframe, int temporal_id, int64_t now_us, bool layer_sync = true);

private:
    bool active(int layer, int64_t now_us) const;
    int desiredLayer(int64_t now_us) const;
    bool passesTemporalFilter(int temporal_id, bool layer_sync);

    int target_ = kMaxLayers - 1;
    int target_temporal_ = -1;
    int current_ = -1;
    int current_temporal_ = -1; // highest temporal layer forwarded now, -1 all
    bool seen_[kMaxLayers] = {};
    int64_t last_packet_us_[kMaxLayers] = {};
};

} // namespace portunus::media
