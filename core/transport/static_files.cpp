#include "transport/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace portunus {

namespace http = boost::beast::http;
namespace fs = std::filesystem;

namespace {
std::string contentType(const fs::path &p) {
    auto ext = p.extension().string();
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".json") return "application/json";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".ico") return "image/x-icon";
    return "application/octet-stream";
}
} // namespace

std::optional<HttpResponse> StaticFiles::serve(const HttpRequest &request) const {
    if (request.method() != http::verb::get && request.method() != http::verb::head) return std::nullopt;
    std::string target(request.target());
    std::string path = target.substr(0, target.find('?'));
    auto not_found = makeResponse(request, http::status::not_found, "text/plain", "not found\n");
    if (!enabled() || path.find("..") != std::string::npos || path.find('\0') != std::string::npos) return not_found;
    if (path.back() == '/') path += "index.html";
    fs::path file = fs::path(root_) / path.substr(1);
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) return not_found;
    std::ifstream in(file, std::ios::binary);
    std::stringstream body;
    body << in.rdbuf();
    auto res = makeResponse(request, http::status::ok, contentType(file), body.str());
    res.set(http::field::cache_control, "no-cache");
    return res;
}

} // namespace portunus
