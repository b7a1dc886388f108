// Small string helpers shared by the SDP parser, writer and answerer.
// Internal to core/sdp.
#pragma once

#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portunus::sdp::text {

// Splits on every `sep`, keeping empty pieces ("a;;b" -> "a", "", "b").
std::vector<std::string_view> split(std::string_view s, char sep);

// Splits on runs of spaces and tabs, dropping empty pieces.
std::vector<std::string_view> words(std::string_view s);

// Splits at the first `sep`: ("a b c", ' ') -> "a", "b c". No `sep`: (s, "").
std::pair<std::string_view, std::string_view> cut(std::string_view s, char sep);

std::string_view trim(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
std::string lower(std::string_view s);

// A decimal number made of digits only (no sign, no spaces), at most `max`.
template <typename T = uint64_t> std::optional<T> number(std::string_view s, T max = std::numeric_limits<T>::max()) {
    if (s.empty() || s.size() > 20) return std::nullopt;
    T value{};
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size() || value > max) return std::nullopt;
    for (char c : s)
        if (c < '0' || c > '9') return std::nullopt;
    return value;
}

// An RTP payload type: 0-127.
inline std::optional<int> payloadType(std::string_view s) {
    auto v = number<unsigned>(s, 127);
    return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

} // namespace portunus::sdp::text
