#include "names.hpp"

#include <algorithm>

namespace portunus::presence {

namespace {
bool printable(std::string_view s) {
    return std::none_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}
} // namespace

bool validUser(std::string_view user) { return !user.empty() && user.size() <= kMaxNameLength && printable(user); }

bool validScope(std::string_view scope, const std::vector<std::string> &kinds) {
    size_t colon = scope.find(':');
    if (colon == std::string_view::npos || scope.size() > kMaxNameLength + 33 || !printable(scope)) return false;
    std::string_view kind = scope.substr(0, colon), id = scope.substr(colon + 1);
    return !id.empty() && id.size() <= kMaxNameLength && std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

} // namespace portunus::presence
