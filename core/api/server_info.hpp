// The "server_info" answer to `info`, shared by the client and admin APIs.
#pragma once

#include "api/api_context.hpp"

#include <rapidjson/document.h>

#include <optional>
#include <string>

namespace portunus::api {

rapidjson::Document serverInfo(const ApiContext &ctx, const std::optional<std::string> &transaction);

} // namespace portunus::api
