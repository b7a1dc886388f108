// One blocking HTTP/1.1 POST of a JSON body to an http:// URL (webhooks).
#pragma once

#include <chrono>
#include <string>

namespace portunus {

// The response status, or 0 with `error` set when the URL is not http:// or
// the exchange failed or took longer than `timeout`.
int httpPostJson(const std::string &url, const std::string &body, std::chrono::milliseconds timeout, std::string &error);

} // namespace portunus
