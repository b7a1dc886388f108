// The per-packet side of the sfu, owned by the loop of the handle it serves.
//
// The control plane never touches these objects' loop-only state: it builds
// an immutable plan (which subscriber m-lines each publisher m-line feeds)
// under the room's mutex and posts it with run_on_loop; install() swaps it in
// on the loop, ignoring plans older than the one it has. Settings a
// subscriber changes without a new plan (send, simulcast targets, a switch)
// are atomics the loop reads. A room's handles are colocated on one loop, so
// a Target is only ever used by that loop.
//
// onRtp / onRtcp allocate nothing, take no lock and build no JSON.
#pragma once

#include <portunus/media/audio_level.hpp>
#include <portunus/media/codec.hpp>
#include <portunus/media/keyframe_requester.hpp>
#include <portunus/media/rtp_rewriter.hpp>
#include <portunus/media/rtp_view.hpp>
#include <portunus/media/simulcast_selector.hpp>
#include <portunus/media/svc_selector.hpp>
#include <portunus/media/vp8.hpp>
#include <portunus/media/vp9.hpp>
#include <portunus/plugin.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace portunus::sfu {

int64_t nowUs();

// One publisher m-line's shared state: keyframe throttle (any thread), the
// moderation/send switch, the SSRC REMB names, and talking detection.
struct StreamMedia {
    StreamMedia(bool video, media::Codec c, uint32_t clock, int talk_threshold, int talk_window)
        : is_video(video), codec(c), clock_rate(clock), detector(talk_threshold, talk_window) {}
    const bool is_video;
    const media::Codec codec;
    const uint32_t clock_rate;
    media::KeyframeRequester keyframes{300000};
    std::atomic<bool> forward{true};
    std::atomic<uint32_t> ssrc{0};
    // Talking state as the loop saw it; the control plane's tick turns changes into events.
    std::atomic<bool> talking{false};
    std::atomic<int> level_average{127};
    media::TalkingDetector detector; // loop only
};

// One subscriber m-line fed by one publisher m-line.
struct Target {
    Target(HandleRef sub, uint16_t line, uint8_t pt) : subscriber(std::move(sub)), mindex(line), payload_type(pt) {}
    const HandleRef subscriber;
    const uint16_t mindex;
    const uint8_t payload_type;
    // Set by the control plane.
    std::atomic<bool> send{true};
    // The layers wanted: simulcast substream and temporal layer, or for an
    // SVC stream (VP9) the spatial and temporal layer.
    std::atomic<int> substream{media::SimulcastSelector::kMaxLayers - 1};
    std::atomic<int> temporal{-1};
    std::atomic<uint32_t> generation{0}; // bumped when the m-line gets another source
    // Loop only.
    uint32_t seen_generation = 0;
    bool sending = false;
    bool waiting_keyframe = true;
    int applied_substream = -2, applied_temporal = -2;
    media::RtpRewriter rewriter;
    media::SimulcastSelector selector;
    media::SvcSelector svc;
    media::Vp8Rewriter vp8;
};

struct MediaPlan {
    struct Line {
        std::shared_ptr<StreamMedia> stream; // null: nothing forwarded from this m-line
        std::vector<std::shared_ptr<Target>> targets;
    };
    uint64_t version = 0;
    std::vector<Line> lines; // by the publisher's mindex
};

// What forwarding needs to know of one incoming packet, read once for all targets.
struct PacketInfo {
    media::RtpHeader header;
    bool keyframe;
    std::optional<media::Vp8Descriptor> vp8;
    std::optional<media::Vp9Descriptor> vp9; // with layer indices: an SVC stream
};

// A publisher handle's forwarding.
class PublisherPath {
public:
    void install(std::shared_ptr<const MediaPlan> plan);
    void onRtp(const portunus_host &host, portunus_handle *publisher, const portunus_rtp &packet);
    // A keyframe request on every video m-line.
    void requestKeyframes(const portunus_host &host, portunus_handle *publisher) const;
    // Periodic feedback to the publisher (any thread): a REMB cap in bits/s
    // repeated every second (0 = none), keyframe requests every `fir_interval_us`
    // (0 = off). onRtp sends them when due, so they need no timer or post.
    void setFeedback(uint32_t remb_bps, int64_t fir_interval_us) {
        remb_bps_.store(remb_bps, std::memory_order_relaxed);
        fir_interval_us_.store(fir_interval_us, std::memory_order_relaxed);
    }

private:
    static constexpr int64_t kRembIntervalUs = 1000000;

    void forward(const portunus_host &host, portunus_handle *publisher, const portunus_rtp &packet,
                 const PacketInfo &info, StreamMedia &stream, Target &t, int64_t now);
    // Spatial/temporal layer selection of an SVC stream; false: not forwarded.
    bool selectSvcLayers(const portunus_host &host, portunus_handle *publisher, const portunus_rtp &packet,
                         const PacketInfo &info, StreamMedia &stream, Target &t, int64_t now, bool &marker);
    void feedback(const portunus_host &host, portunus_handle *publisher, int64_t now);
    void sendRemb(const portunus_host &host, portunus_handle *publisher, uint32_t bitrate) const;

    std::shared_ptr<const MediaPlan> plan_;
    std::atomic<uint32_t> remb_bps_{0};
    std::atomic<int64_t> fir_interval_us_{0};
    int64_t next_remb_us_ = 0, next_fir_us_ = 0; // loop only
};

struct FeedPlan {
    struct Line {
        HandleRef publisher; // empty: the m-line has no source
        uint16_t mindex = 0;
        std::shared_ptr<StreamMedia> stream;
    };
    uint64_t version = 0;
    std::vector<Line> lines; // by the subscriber's mindex
};

// A subscriber handle's feedback towards its sources.
class SubscriberPath {
public:
    void install(std::shared_ptr<const FeedPlan> plan);
    // A PLI/FIR from the subscriber becomes a throttled PLI to the feed's publisher.
    void onRtcp(const portunus_host &host, const portunus_rtcp &packet) const;

private:
    std::shared_ptr<const FeedPlan> plan_;
};

} // namespace portunus::sfu
