#include "support/synthetic_media.hpp"

#include "rtp/byte_io.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <random>

namespace portunus::test {

namespace {
constexpr uint8_t kProbeMagic[4] = {'P', 'R', 'B', '1'};

uint32_t randomU32() {
    static thread_local std::mt19937 rng{std::random_device{}()};
    return rng();
}

// Fills a payload's body with a pattern (not zeros: SRTP and anything
// compressing should see realistic bytes).
void fill(uint8_t *p, size_t n, uint32_t salt) {
    for (size_t i = 0; i < n; ++i) p[i] = static_cast<uint8_t>((i * 31 + salt) & 0xFF);
}
} // namespace

void writeProbe(uint8_t *at, const Probe &probe) {
    std::memcpy(at, kProbeMagic, 4);
    rtp::write32(at + 4, probe.seq);
    rtp::write32(at + 8, static_cast<uint32_t>(uint64_t(probe.sent_us) >> 32));
    rtp::write32(at + 12, static_cast<uint32_t>(uint64_t(probe.sent_us)));
}

std::optional<Probe> readProbe(std::span<const uint8_t> payload) {
    if (payload.size() < Probe::kSize) return std::nullopt;
    const uint8_t *at = payload.data() + payload.size() - Probe::kSize;
    if (std::memcmp(at, kProbeMagic, 4) != 0) return std::nullopt;
    Probe p;
    p.seq = rtp::read32(at + 4);
    p.sent_us = static_cast<int64_t>((uint64_t(rtp::read32(at + 8)) << 32) | rtp::read32(at + 12));
    return p;
}

size_t writeRtpHeader(std::span<uint8_t> out, const RtpStreamParams &s, uint16_t seq, uint32_t timestamp, bool marker) {
    size_t ext = 0;
    if (s.mid_extension_id) ext = 4 + (1 + s.mid.size() + 3) / 4 * 4; // 0xBEDE + length, elements padded
    size_t size = 12 + ext;
    if (out.size() < size || (ext && (s.mid.empty() || s.mid.size() > 16))) return 0;
    uint8_t *p = out.data();
    p[0] = static_cast<uint8_t>(0x80 | (ext ? 0x10 : 0));
    p[1] = static_cast<uint8_t>((marker ? 0x80 : 0) | (s.payload_type & 0x7F));
    rtp::write16(p + 2, seq);
    rtp::write32(p + 4, timestamp);
    rtp::write32(p + 8, s.ssrc);
    if (ext) {
        uint8_t *e = p + 12;
        rtp::write16(e, 0xBEDE);
        rtp::write16(e + 2, static_cast<uint16_t>((ext - 4) / 4));
        std::memset(e + 4, 0, ext - 4);
        e[4] = static_cast<uint8_t>((s.mid_extension_id << 4) | (s.mid.size() - 1));
        std::memcpy(e + 5, s.mid.data(), s.mid.size());
    }
    return size;
}

// ---- video -------------------------------------------------------------------

VideoSource::VideoSource(const Config &config)
    : config_(config), seq_(static_cast<uint16_t>(randomU32())), timestamp_base_(randomU32()) {
    config_.packets_per_frame = std::max(1u, config_.packets_per_frame);
    config_.fps = std::max(1u, config_.fps);
}

size_t VideoSource::next(std::span<uint8_t> out, int64_t now_us) {
    bool first = in_frame_ == 0;
    bool last = in_frame_ + 1 == config_.packets_per_frame;
    if (first) {
        keyframe_ = keyframe_wanted_;
        keyframe_wanted_ = false;
        if (keyframe_) ++keyframes_;
    }
    uint32_t timestamp = timestamp_base_ + static_cast<uint32_t>(frame_ * config_.stream.clock_rate / config_.fps);
    size_t header = writeRtpHeader(out, config_.stream, seq_, timestamp, last);
    size_t payload = std::max(config_.payload_size, size_t(1 + 10 + Probe::kSize));
    if (header == 0 || out.size() < header + payload) return 0;
    uint8_t *p = out.data() + header;
    // VP8 payload descriptor (RFC 7741 §4.2): X=0 N=0 S=first PID=0.
    p[0] = first ? 0x10 : 0x00;
    size_t used = 1;
    if (first) {
        // VP8 payload header (RFC 6386 §9.1): size0|show_frame|version|P (P=0: keyframe).
        uint32_t partition = static_cast<uint32_t>(payload - 1 - 3);
        uint8_t *h = p + 1;
        h[0] = static_cast<uint8_t>(((partition & 0x7) << 5) | 0x10 | (keyframe_ ? 0 : 1));
        h[1] = static_cast<uint8_t>(partition >> 3);
        h[2] = static_cast<uint8_t>(partition >> 11);
        used += 3;
        if (keyframe_) {
            h[3] = 0x9d, h[4] = 0x01, h[5] = 0x2a; // start code
            h[6] = static_cast<uint8_t>(config_.width), h[7] = static_cast<uint8_t>((config_.width >> 8) & 0x3F);
            h[8] = static_cast<uint8_t>(config_.height), h[9] = static_cast<uint8_t>((config_.height >> 8) & 0x3F);
            used += 7;
        }
    }
    fill(p + used, payload - used - Probe::kSize, probe_seq_);
    writeProbe(p + payload - Probe::kSize, Probe{probe_seq_++, now_us});
    ++seq_;
    if (last) {
        in_frame_ = 0;
        ++frame_;
    } else {
        ++in_frame_;
    }
    return header + payload;
}

// ---- audio -------------------------------------------------------------------

AudioSource::AudioSource(const Config &config)
    : config_(config), seq_(static_cast<uint16_t>(randomU32())), timestamp_(randomU32()) {}

size_t AudioSource::next(std::span<uint8_t> out, int64_t now_us) {
    size_t header = writeRtpHeader(out, config_.stream, seq_, timestamp_, probe_seq_ == 0);
    size_t payload = std::max(config_.payload_size, Probe::kSize + 1);
    if (header == 0 || out.size() < header + payload) return 0;
    uint8_t *p = out.data() + header;
    p[0] = 0x78; // an Opus TOC byte: CELT-only fullband 20 ms, mono, one frame
    fill(p + 1, payload - 1 - Probe::kSize, probe_seq_);
    writeProbe(p + payload - Probe::kSize, Probe{probe_seq_++, now_us});
    ++seq_;
    timestamp_ += config_.stream.clock_rate / 50;
    return header + payload;
}

// ---- receiving ---------------------------------------------------------------

ProbeCounter::ProbeCounter(size_t capacity) : seen_((capacity + 63) / 64, 0) {}

bool ProbeCounter::onProbe(const Probe &probe, int64_t now_us) {
    size_t word = probe.seq / 64;
    uint64_t bit = uint64_t(1) << (probe.seq % 64);
    if (word >= seen_.size()) return false;
    if (seen_[word] & bit) {
        ++duplicates_;
        return false;
    }
    seen_[word] |= bit;
    min_seq_ = unique_ ? std::min(min_seq_, probe.seq) : probe.seq;
    max_seq_ = unique_ ? std::max(max_seq_, probe.seq) : probe.seq;
    ++unique_;
    int64_t delay = std::max<int64_t>(0, now_us - probe.sent_us);
    delay_sum_us_ += delay;
    delay_max_us_ = std::max(delay_max_us_, delay);
    delays_.add(delay);
    if (last_delay_us_ >= 0) jitter_us_ += (double(std::abs(delay - last_delay_us_)) - jitter_us_) / 16.0;
    last_delay_us_ = delay;
    return true;
}

} // namespace portunus::test
