#include "portunus/media/audio_level.hpp"

namespace portunus::media {

std::optional<AudioLevel> parseAudioLevel(std::span<const uint8_t> value) {
    if (value.empty()) return std::nullopt;
    return AudioLevel{uint8_t(value[0] & 0x7F), (value[0] & 0x80) != 0};
}

TalkingDetector::Change TalkingDetector::onLevel(uint8_t level) {
    sum_ += level > 127 ? 127 : level;
    if (++count_ < window_) return Change::none;
    last_average_ = int(sum_ / count_);
    sum_ = 0;
    count_ = 0;
    const bool talking = last_average_ < threshold_;
    if (talking == talking_) return Change::none;
    talking_ = talking;
    return talking ? Change::started : Change::stopped;
}

void TalkingDetector::reset() {
    count_ = 0;
    sum_ = 0;
    last_average_ = 127;
    talking_ = false;
}

} // namespace portunus::media
