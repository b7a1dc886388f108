#include "media_path.hpp"

#include <portunus/media/rtcp.hpp>
#include <portunus/media/rtp_view.hpp>

#include <chrono>
#include <cstring>

namespace portunus::sfu {

namespace {

// Relayed packets are at most an MTU; a VP8 payload is rewritten in a copy.
constexpr size_t kMaxPacket = 1500;

void askKeyframe(const portunus_host &host, portunus_handle *publisher, uint16_t mindex, StreamMedia &s, int64_t now) {
    if (s.keyframes.request(now)) host.send_pli(publisher, mindex);
}

} // namespace

int64_t nowUs() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

void PublisherPath::install(std::shared_ptr<const MediaPlan> plan) {
    if (!plan_ || plan->version > plan_->version) plan_ = std::move(plan);
}

void PublisherPath::onRtp(const portunus_host &host, portunus_handle *publisher, const portunus_rtp &p) {
    if (!plan_ || p.mindex >= plan_->lines.size()) return;
    const MediaPlan::Line &line = plan_->lines[p.mindex];
    StreamMedia *s = line.stream.get();
    if (!s) return;
    auto h = media::parseRtp(p.data, p.length);
    if (!h) return;
    const int64_t now = nowUs();
    s->ssrc.store(h->ssrc, std::memory_order_relaxed);
    feedback(host, publisher, now);
    if (!s->is_video && p.has_audio_level &&
        s->detector.onLevel(p.audio_level) != media::TalkingDetector::Change::none) {
        s->level_average.store(s->detector.lastAverage(), std::memory_order_relaxed);
        s->talking.store(s->detector.talking(), std::memory_order_release);
    }
    PacketInfo info{*h, s->is_video && media::isKeyframe(s->codec, h->payload, h->payload_size), std::nullopt};
    if (s->codec == media::Codec::vp8) info.vp8 = media::parseVp8(h->payload, h->payload_size);
    if (s->codec == media::Codec::vp9)
        if (auto vp9 = media::parseVp9(h->payload, h->payload_size); vp9 && vp9->layer_indices) info.vp9 = vp9;
    if (info.keyframe) s->keyframes.onKeyframe();
    else if (s->is_video && s->keyframes.retryDue(now)) host.send_pli(publisher, p.mindex);
    if (!s->forward.load(std::memory_order_relaxed) || p.length > kMaxPacket) return;
    for (const auto &t : line.targets) forward(host, publisher, p, info, *s, *t, now);
}

void PublisherPath::forward(const portunus_host &host, portunus_handle *publisher, const portunus_rtp &p,
                            const PacketInfo &info, StreamMedia &s, Target &t, int64_t now) {
    const uint32_t generation = t.generation.load(std::memory_order_acquire);
    const bool send = t.send.load(std::memory_order_relaxed);
    if (generation != t.seen_generation || (send && !t.sending)) {
        // Another source, or sending again after a pause: continue the
        // subscriber's stream from where it stopped, at a keyframe.
        t.seen_generation = generation;
        t.rewriter.switchSource();
        t.vp8.switchSource();
        t.selector = media::SimulcastSelector();
        t.svc = media::SvcSelector();
        t.applied_substream = t.applied_temporal = -2;
        t.waiting_keyframe = true;
    }
    t.sending = send;
    if (!send) return;

    const media::RtpHeader *h = &info.header;
    const bool keyframe = info.keyframe;
    const auto &vp8 = info.vp8;
    bool marker = h->marker;
    if (info.vp9 && p.substream < 0) {
        if (!selectSvcLayers(host, publisher, p, info, s, t, now, marker)) return;
    } else if (p.substream >= 0) {
        const int substream = t.substream.load(std::memory_order_relaxed);
        const int temporal = t.temporal.load(std::memory_order_relaxed);
        if (substream != t.applied_substream || temporal != t.applied_temporal) {
            t.selector.setTarget(substream, temporal);
            t.applied_substream = substream;
            t.applied_temporal = temporal;
        }
        const int tid = vp8 && vp8->has_tid ? vp8->tid : -1;
        const bool sync = vp8 && vp8->has_tid ? vp8->layer_sync : true;
        auto d = t.selector.onPacket(p.substream, keyframe, tid, now, sync);
        if (d.want_keyframe) askKeyframe(host, publisher, p.mindex, s, now);
        if (d.dropped) {
            t.rewriter.drop(h->seq);
            if (vp8) t.vp8.drop(h->payload, h->payload_size);
        }
        if (!d.forward) return;
        if (d.switched) {
            t.rewriter.switchSource();
            t.vp8.switchSource();
        }
        t.waiting_keyframe = false;
    } else if (s.is_video && t.waiting_keyframe) {
        if (!keyframe) {
            askKeyframe(host, publisher, p.mindex, s, now);
            return;
        }
        t.waiting_keyframe = false;
    }

    auto out = t.rewriter.rewrite(h->ssrc, h->seq, h->timestamp, s.clock_rate, now);
    portunus_rtp o = p;
    o.mindex = t.mindex;
    o.rewrite = PORTUNUS_RTP_REWRITE_SEQ | PORTUNUS_RTP_REWRITE_TIMESTAMP | PORTUNUS_RTP_REWRITE_PAYLOAD_TYPE |
                PORTUNUS_RTP_REWRITE_MARKER;
    o.marker = marker;
    o.seq = out.seq;
    o.timestamp = out.timestamp;
    o.payload_type = t.payload_type;
    uint8_t copy[kMaxPacket];
    if (vp8) {
        std::memcpy(copy, p.data, p.length);
        t.vp8.rewrite(copy + h->header_size, h->payload_size);
        o.data = copy;
    }
    host.relay_rtp(t.subscriber.get().raw(), &o);
}

bool PublisherPath::selectSvcLayers(const portunus_host &host, portunus_handle *publisher, const portunus_rtp &p,
                                    const PacketInfo &info, StreamMedia &s, Target &t, int64_t now, bool &marker) {
    const int spatial = t.substream.load(std::memory_order_relaxed);
    const int temporal = t.temporal.load(std::memory_order_relaxed);
    if (spatial != t.applied_substream || temporal != t.applied_temporal) {
        t.svc.setTarget(spatial, temporal);
        t.applied_substream = spatial;
        t.applied_temporal = temporal;
    }
    const media::Vp9Descriptor &vp9 = *info.vp9;
    media::SvcSelector::Packet packet;
    packet.spatial = vp9.sid;
    packet.temporal = vp9.tid;
    packet.begin_frame = vp9.begin_frame;
    packet.end_frame = vp9.end_frame;
    packet.keyframe = info.keyframe;
    packet.switching_up = vp9.switching_up;
    packet.marker = info.header.marker;
    auto d = t.svc.onPacket(packet);
    if (d.want_keyframe) askKeyframe(host, publisher, p.mindex, s, now);
    if (!d.forward) {
        t.rewriter.drop(info.header.seq);
        return false;
    }
    marker = d.marker;
    t.waiting_keyframe = false;
    return true;
}

void PublisherPath::feedback(const portunus_host &host, portunus_handle *publisher, int64_t now) {
    if (now >= next_remb_us_) {
        next_remb_us_ = now + kRembIntervalUs;
        sendRemb(host, publisher, remb_bps_.load(std::memory_order_relaxed));
    }
    const int64_t fir = fir_interval_us_.load(std::memory_order_relaxed);
    if (fir <= 0) return;
    if (next_fir_us_ == 0) next_fir_us_ = now + fir;
    if (now < next_fir_us_) return;
    next_fir_us_ = now + fir;
    requestKeyframes(host, publisher);
}

void PublisherPath::sendRemb(const portunus_host &host, portunus_handle *publisher, uint32_t bitrate) const {
    if (!plan_ || !bitrate) return;
    for (size_t i = 0; i < plan_->lines.size(); ++i) {
        const StreamMedia *s = plan_->lines[i].stream.get();
        uint32_t ssrc = s && s->is_video ? s->ssrc.load(std::memory_order_relaxed) : 0;
        if (!ssrc) continue;
        uint8_t remb[24];
        portunus_rtcp out{};
        out.data = remb;
        out.length = static_cast<uint32_t>(media::writeRemb(remb, sizeof remb, 1, ssrc, bitrate));
        out.mindex = static_cast<uint16_t>(i);
        out.is_video = 1;
        host.relay_rtcp(publisher, &out);
    }
}

void PublisherPath::requestKeyframes(const portunus_host &host, portunus_handle *publisher) const {
    if (!plan_) return;
    for (size_t i = 0; i < plan_->lines.size(); ++i) {
        StreamMedia *s = plan_->lines[i].stream.get();
        if (s && s->is_video && s->keyframes.request(nowUs())) host.send_pli(publisher, static_cast<uint16_t>(i));
    }
}

void SubscriberPath::install(std::shared_ptr<const FeedPlan> plan) {
    if (!plan_ || plan->version > plan_->version) plan_ = std::move(plan);
}

void SubscriberPath::onRtcp(const portunus_host &host, const portunus_rtcp &packet) const {
    if (!plan_ || !packet.is_video || packet.mindex >= plan_->lines.size()) return;
    const FeedPlan::Line &line = plan_->lines[packet.mindex];
    if (!line.publisher || !line.stream || !media::asksKeyframe(packet.data, packet.length)) return;
    askKeyframe(host, line.publisher.get().raw(), line.mindex, *line.stream, nowUs());
}

} // namespace portunus::sfu
