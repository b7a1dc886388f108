#include "portunus/media/simulcast_selector.hpp"

namespace portunus::media {

void SimulcastSelector::setTarget(int substream, int temporal) {
    target_ = substream < 0 ? 0 : substream >= kMaxLayers ? kMaxLayers - 1 : substream;
    target_temporal_ = temporal < 0 ? -1 : temporal;
    // Fewer temporal layers take effect at once; more wait for a sync point.
    if (target_temporal_ >= 0 && (current_temporal_ < 0 || current_temporal_ > target_temporal_))
        current_temporal_ = target_temporal_;
}

bool SimulcastSelector::active(int layer, int64_t now_us) const {
    return seen_[layer] && now_us - last_packet_us_[layer] <= kInactiveAfterUs;
}

int SimulcastSelector::desiredLayer(int64_t now_us) const {
    if (active(target_, now_us)) return target_;
    for (int layer = target_ - 1; layer >= 0; --layer)
        if (active(layer, now_us)) return layer;
    for (int layer = target_ + 1; layer < kMaxLayers; ++layer)
        if (active(layer, now_us)) return layer;
    return -1;
}

bool SimulcastSelector::passesTemporalFilter(int temporal_id, bool layer_sync) {
    if (temporal_id < 0 || current_temporal_ < 0 || temporal_id <= current_temporal_) return true;
    // Above what goes out now: a layer up to the target is joined at its own sync point.
    if ((target_temporal_ < 0 || temporal_id <= target_temporal_) && layer_sync) {
        current_temporal_ = temporal_id;
        return true;
    }
    return false;
}

SimulcastSelector::Decision SimulcastSelector::onPacket(int substream, bool keyframe, int temporal_id, int64_t now_us,
                                                        bool layer_sync) {
    Decision d{};
    if (substream < 0 || substream >= kMaxLayers) return d;
    seen_[substream] = true;
    last_packet_us_[substream] = now_us;

    const int desired = desiredLayer(now_us);
    if (substream == desired && desired != current_ && keyframe) {
        current_ = desired;
        current_temporal_ = target_temporal_; // a keyframe is a sync point for every temporal layer
        d.switched = true;
    }
    d.want_keyframe = desired >= 0 && desired != current_;
    if (substream != current_) return d;
    d.forward = passesTemporalFilter(temporal_id, layer_sync);
    d.dropped = !d.forward;
    return d;
}

} // namespace portunus::media
