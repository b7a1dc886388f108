// HTTP paths of the Janus APIs: <base>, <base>/<session>, <base>/<session>/<handle>.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace portunus::api {

struct ApiPath {
    bool valid = false; // under base, with numeric ids
    std::optional<uint64_t> session;
    std::optional<uint64_t> handle;
    std::string word;   // a non-numeric single segment, e.g. "info"
    std::string query;
};

// nullopt when `target` is not under `base` at all.
std::optional<ApiPath> parseApiPath(std::string_view target, std::string_view base);

// The value of `name` in a query string ("a=1&maxev=5"), or "".
std::string queryValue(std::string_view query, std::string_view name);

} // namespace portunus::api
