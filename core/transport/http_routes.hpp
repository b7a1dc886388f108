// HTTP routes that plugins register on the client HTTP port (e.g. LL-HLS
// playlists), matched by path prefix, answered through portunus_http_exchange.
#pragma once

#include "transport/http_types.hpp"

#include <portunus/plugin.h>

#include <mutex>
#include <string>
#include <vector>

namespace portunus {

class HttpRoutes {
public:
    // False when the prefix is taken.
    bool add(std::string prefix, std::string owner, portunus_http_handler handler, void *user);
    // Serves `request` when a route matches; false otherwise.
    bool dispatch(const HttpRequest &request, HttpRespond respond) const;
    // The host side of http_respond; frees the exchange.
    static void respond(portunus_http_exchange *exchange, int status, const std::string &content_type,
                        std::string body);

private:
    struct Route {
        std::string prefix;
        std::string owner;
        portunus_http_handler handler;
        void *user;
    };
    mutable std::mutex mutex_;
    std::vector<Route> routes_;
};

} // namespace portunus
