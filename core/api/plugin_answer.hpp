// A plugin's synchronous answer (handle_message, handle_admin_message) as JSON,
// or the ApiError it amounts to.
#pragma once

#include "plugins/reply.hpp"

#include <portunus/plugin.h>
#include <rapidjson/document.h>

namespace portunus::api {

// Throws ApiError: the plugin's own code for an error, 462 for no or bad JSON.
rapidjson::Document pluginAnswer(portunus_result result, const portunus_reply &reply);

} // namespace portunus::api
