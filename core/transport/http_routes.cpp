#include "transport/http_routes.hpp"

#include "observe/log.hpp"

#include <atomic>

struct portunus_http_exchange {
    portunus::HttpRequest request; // keeps the borrowed views alive until answered
    portunus::HttpRespond respond;
    std::atomic<bool> answered{false};
};

namespace portunus {

bool HttpRoutes::add(std::string prefix, std::string owner, portunus_http_handler handler, void *user) {
    std::lock_guard lock(mutex_);
    for (const auto &r : routes_)
        if (r.prefix == prefix) {
            PLOG_ERROR("http", {}, "{}: route {} is taken by {}", owner, prefix, r.owner);
            return false;
        }
    PLOG_INFO("http", {}, "{} serves {}", owner, prefix);
    routes_.push_back({std::move(prefix), std::move(owner), handler, user});
    return true;
}

bool HttpRoutes::dispatch(const HttpRequest &request, HttpRespond respond) const {
    std::string target(request.target());
    std::string path = target.substr(0, target.find('?'));
    std::string query = path.size() < target.size() ? target.substr(path.size() + 1) : "";
    Route route{};
    {
        std::lock_guard lock(mutex_);
        const Route *best = nullptr;
        for (const auto &r : routes_)
            if (path.rfind(r.prefix, 0) == 0 && (!best || r.prefix.size() > best->prefix.size())) best = &r;
        if (!best) return false;
        route = *best;
    }
    auto *exchange = new portunus_http_exchange{request, std::move(respond)};
    std::string method(exchange->request.method_string());
    portunus_http_request view{method.c_str(), path.c_str(), query.c_str(),
                               reinterpret_cast<const uint8_t *>(exchange->request.body().data()),
                               exchange->request.body().size()};
    route.handler(route.user, &view, exchange);
    return true;
}

void HttpRoutes::respond(portunus_http_exchange *exchange, int status, const std::string &content_type,
                         std::string body) {
    if (!exchange || exchange->answered.exchange(true)) return;
    auto code = status >= 100 && status <= 599 ? static_cast<boost::beast::http::status>(status)
                                               : boost::beast::http::status::internal_server_error;
    exchange->respond(makeResponse(exchange->request, code, content_type, std::move(body)));
    delete exchange;
}

} // namespace portunus
