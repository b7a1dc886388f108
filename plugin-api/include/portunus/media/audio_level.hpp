// Audio levels (RFC 6464 client-to-mixer header extension) and Janus-style
// talking detection over them. No allocation, no locks.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

namespace portunus::media {

struct AudioLevel {
    uint8_t level; // 0 (loudest, 0 dBov) .. 127 (silence, -127 dBov)
    bool voice;    // V: the sender's voice activity detection
};

// The extension's value (its first byte; the two-byte header form may pad it);
// nullopt when empty.
std::optional<AudioLevel> parseAudioLevel(std::span<const uint8_t> value);

// Averages the levels of `window_packets` packets at a time and compares the
// average with `threshold` (both in -dBov, 0 loudest .. 127 silence): below the
// threshold is talking. onLevel reports a Change only on transitions. One per
// publisher audio stream, used by the thread that receives it.
class TalkingDetector {
public:
    enum class Change { none, started, stopped };

    TalkingDetector(int threshold, int window_packets)
        : threshold_(threshold), window_(window_packets > 0 ? window_packets : 1) {}

    Change onLevel(uint8_t level);
    bool talking() const { return talking_; }
    int lastAverage() const { return last_average_; } // of the last full window; 127 before the first
    void reset();  // not talking, window emptied

private:
    int threshold_;
    int window_;
    int count_ = 0;
    int64_t sum_ = 0;
    int last_average_ = 127;
    bool talking_ = false;
};

} // namespace portunus::media
