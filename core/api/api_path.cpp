#include "api/api_path.hpp"

#include <charconv>

namespace portunus::api {

namespace {
std::optional<uint64_t> number(std::string_view s) {
    uint64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || v == 0) return std::nullopt;
    return v;
}
} // namespace

std::optional<ApiPath> parseApiPath(std::string_view target, std::string_view base) {
    ApiPath out;
    auto q = target.find('?');
    if (q != std::string_view::npos) out.query = target.substr(q + 1);
    std::string_view path = target.substr(0, q);
    while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
    if (path.substr(0, base.size()) != base) return std::nullopt;
    std::string_view rest = path.substr(base.size());
    if (!rest.empty() && rest[0] != '/') return std::nullopt;
    if (rest.empty()) {
        out.valid = true;
        return out;
    }
    rest.remove_prefix(1);
    auto slash = rest.find('/');
    std::string_view first = rest.substr(0, slash);
    out.session = number(first);
    if (!out.session) {
        out.word = first;
        out.valid = slash == std::string_view::npos;
        return out;
    }
    if (slash == std::string_view::npos) {
        out.valid = true;
        return out;
    }
    std::string_view second = rest.substr(slash + 1);
    out.handle = number(second);
    out.valid = out.handle.has_value() && second.find('/') == std::string_view::npos;
    return out;
}

std::string queryValue(std::string_view query, std::string_view name) {
    while (!query.empty()) {
        auto amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        auto eq = pair.find('=');
        if (pair.substr(0, eq) == name) return std::string(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
        if (amp == std::string_view::npos) break;
        query.remove_prefix(amp + 1);
    }
    return {};
}

} // namespace portunus::api
