#include "portunus/media/svc_selector.hpp"

namespace portunus::media {

namespace {
// -1 (every layer) counts as above any layer.
bool above(int a, int b) { return a < 0 ? b >= 0 : (b >= 0 && a > b); }
} // namespace

void SvcSelector::setTarget(int spatial, int temporal) {
    target_s_ = spatial < 0 ? -1 : spatial;
    target_t_ = temporal < 0 ? -1 : temporal;
}

SvcSelector::Decision SvcSelector::onPacket(const Packet &p) {
    bool want_keyframe = false;
    if (!started_) {
        if (!p.keyframe) return {false, false, true};
        started_ = true;
        current_s_ = target_s_;
        current_t_ = target_t_;
    }
    // Spatial: down at the start of a picture, up at a keyframe.
    if (current_s_ != target_s_) {
        if (above(current_s_, target_s_)) {
            if (p.spatial == 0 && p.begin_frame) current_s_ = target_s_;
        } else if (p.keyframe) {
            current_s_ = target_s_;
        } else {
            want_keyframe = true;
        }
    }
    // Temporal: down at the start of a frame, up at a switching point.
    if (current_t_ != target_t_ && p.begin_frame) {
        if (above(current_t_, target_t_) || p.switching_up || p.keyframe) current_t_ = target_t_;
    }
    bool forward = (current_s_ < 0 || p.spatial <= current_s_) && (current_t_ < 0 || p.temporal <= current_t_);
    // The end of the picture as forwarded: the end of its top layer's frame
    // (the publisher's own marker when no layer above it is held back).
    bool marker = p.marker || (p.end_frame && p.spatial == current_s_);
    return {forward, marker, want_keyframe};
}

} // namespace portunus::media
