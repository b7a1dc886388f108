// GET /metrics on the admin port: the server's counters in the Prometheus
// text exposition format (version 0.0.4).
#pragma once

#include "api/api_context.hpp"

#include <string>

namespace portunus::api {

std::string metricsText(const ApiContext &ctx);

} // namespace portunus::api
