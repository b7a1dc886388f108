// Synthetic media for a test client or load generator: RTP packets that look
// like what a browser sends (VP8 with a valid payload descriptor and keyframe
// header, Opus-sized audio) and carry a probe at the end of every payload —
// the sender's own sequence number and send time — so the receiving side can
// count unique packets, loss and delay whatever the RTP sequence numbers and
// SSRCs became on the way. Nothing here allocates per packet.
#pragma once

#include "support/delay_histogram.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace portunus::test {

// The last kProbeSize bytes of every synthetic payload.
struct Probe {
    static constexpr size_t kSize = 16; // "PRB1", seq (32 bits), send time (64 bits, µs)
    uint32_t seq = 0;                   // per stream, from 0, never wraps in a test
    int64_t sent_us = 0;                // steady clock
};
void writeProbe(uint8_t *at, const Probe &probe);
// The probe at the end of `payload`, if it has one.
std::optional<Probe> readProbe(std::span<const uint8_t> payload);

// What an RTP stream's packets carry in their header.
struct RtpStreamParams {
    uint32_t ssrc = 0;
    uint8_t payload_type = 0;
    uint32_t clock_rate = 90000;
    uint8_t mid_extension_id = 0; // 0 = no header extension
    std::string mid;
};

// Writes a 12-byte header and, when the stream has a mid extension id, a
// one-byte-form extension block carrying the mid. Returns the header size,
// or 0 when `out` is too small.
size_t writeRtpHeader(std::span<uint8_t> out, const RtpStreamParams &stream, uint16_t seq, uint32_t timestamp,
                      bool marker);

// VP8 video: frames of `packets_per_frame` packets at `fps`; the first packet
// of a frame has S=1 and the VP8 payload header (a keyframe's with the start
// code and dimensions), the last one the marker. The first frame is a
// keyframe, and so is the next frame after requestKeyframe().
class VideoSource {
public:
    struct Config {
        RtpStreamParams stream;
        unsigned packets_per_frame = 10;
        unsigned fps = 30;
        size_t payload_size = 1100; // bytes after the RTP header, descriptor and probe included
        uint16_t width = 640, height = 480;
    };
    explicit VideoSource(const Config &config);

    // Writes the next packet into `out`; returns its size (0 if it does not fit).
    size_t next(std::span<uint8_t> out, int64_t now_us);
    void requestKeyframe() { keyframe_wanted_ = true; }

    uint64_t packets() const { return probe_seq_; }
    uint64_t keyframes() const { return keyframes_; }
    bool frameStart() const { return in_frame_ == 0; } // the next packet begins a frame

private:
    Config config_;
    uint16_t seq_;
    uint32_t timestamp_base_;
    uint32_t probe_seq_ = 0;
    uint64_t frame_ = 0;
    unsigned in_frame_ = 0;
    bool keyframe_ = false;
    bool keyframe_wanted_ = true;
    uint64_t keyframes_ = 0;
};

// Opus-sized audio: one packet per 20 ms (960 ticks at 48 kHz).
class AudioSource {
public:
    struct Config {
        RtpStreamParams stream;
        size_t payload_size = 100;
    };
    explicit AudioSource(const Config &config);
    size_t next(std::span<uint8_t> out, int64_t now_us);
    uint64_t packets() const { return probe_seq_; }

private:
    Config config_;
    uint16_t seq_;
    uint32_t timestamp_;
    uint32_t probe_seq_ = 0;
};

// Counts the probes of one stream that came back: unique ones (a bitmap by
// probe seq, allocated once), duplicates, the probe seqs a receiver should
// have seen (first to last, so what it joined late for is not loss), and the
// delay from send to receipt: average, maximum, distribution and the RFC 3550
// interarrival jitter (from the change in delay between consecutive arrivals).
class ProbeCounter {
public:
    explicit ProbeCounter(size_t capacity = size_t(1) << 22);
    // True when this probe seq is new.
    bool onProbe(const Probe &probe, int64_t now_us);

    uint64_t unique() const { return unique_; }
    uint64_t duplicates() const { return duplicates_; }
    // Probe seqs from the lowest to the highest seen; expected() - unique() were lost.
    uint64_t expected() const { return unique_ ? uint64_t(max_seq_ - min_seq_) + 1 : 0; }
    uint32_t lastSeq() const { return max_seq_; } // the highest probe seq seen
    double delayAvgMs() const { return unique_ ? double(delay_sum_us_) / double(unique_) / 1000.0 : 0; }
    double delayMaxMs() const { return double(delay_max_us_) / 1000.0; }
    double jitterMs() const { return jitter_us_ / 1000.0; }
    const DelayHistogram &delays() const { return delays_; }

private:
    std::vector<uint64_t> seen_;
    uint64_t unique_ = 0, duplicates_ = 0;
    uint32_t min_seq_ = 0, max_seq_ = 0;
    int64_t delay_sum_us_ = 0, delay_max_us_ = 0;
    int64_t last_delay_us_ = -1;
    double jitter_us_ = 0;
    DelayHistogram delays_;
};

} // namespace portunus::test
