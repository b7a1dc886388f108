// Serves the demo and admin pages (the web root) on the client HTTP port.
#pragma once

#include "transport/http_types.hpp"

#include <optional>
#include <string>

namespace portunus {

class StaticFiles {
public:
    explicit StaticFiles(std::string root) : root_(std::move(root)) {}
    bool enabled() const { return !root_.empty(); }
    // The file for a GET/HEAD request, a 404, or nothing when not a GET/HEAD.
    std::optional<HttpResponse> serve(const HttpRequest &request) const;

private:
    std::string root_;
};

} // namespace portunus
