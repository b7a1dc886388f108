// A minimal blocking HTTP/1.1 client over loopback (Boost.Beast): one request
// per connection. Throws std::runtime_error on a network error or when the
// answer does not come within `timeout`.
#pragma once

#include "support/timeouts.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

namespace portunus::test {

struct HttpResult {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers; // lower-case names
};

struct HttpOptions {
    std::map<std::string, std::string> headers; // added to the request
    std::string source_address;                 // the local address to connect from ("" = any), e.g. "127.0.0.2"
};

HttpResult httpRequest(uint16_t port, const std::string &method, const std::string &target, const std::string &body = {},
                       std::chrono::milliseconds timeout = kEventTimeout, const HttpOptions &options = {});

inline HttpResult httpPost(uint16_t port, const std::string &target, const std::string &body,
                           std::chrono::milliseconds timeout = kEventTimeout) {
    return httpRequest(port, "POST", target, body, timeout);
}

inline HttpResult httpGet(uint16_t port, const std::string &target, std::chrono::milliseconds timeout = kEventTimeout) {
    return httpRequest(port, "GET", target, {}, timeout);
}

} // namespace portunus::test
