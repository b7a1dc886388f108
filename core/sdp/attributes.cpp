#include "sdp/attributes.hpp"

#include "sdp/text.hpp"

namespace portunus::sdp {

std::vector<std::pair<std::string, std::string>> Fmtp::parameterList() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (auto piece : text::split(parameters, ';')) {
        piece = text::trim(piece);
        if (piece.empty()) continue;
        auto [key, value] = text::cut(piece, '=');
        out.emplace_back(std::string(text::trim(key)), std::string(text::trim(value)));
    }
    return out;
}

std::optional<std::string> Fmtp::parameter(std::string_view key) const {
    for (auto &[k, v] : parameterList())
        if (text::iequals(k, key)) return v;
    return std::nullopt;
}

} // namespace portunus::sdp
