#include "api/plugin_answer.hpp"

#include "api/api_error.hpp"

namespace portunus::api {

rapidjson::Document pluginAnswer(portunus_result result, const portunus_reply &reply) {
    if (result != PORTUNUS_OK || !reply.answered || reply.is_error)
        throw ApiError(reply.is_error && reply.code ? reply.code : static_cast<int>(ErrorCode::plugin_message),
                       reply.is_error ? reply.text : "the plugin gave no answer");
    rapidjson::Document data;
    data.Parse(reply.text.data(), reply.text.size());
    if (data.HasParseError() || !data.IsObject())
        throw ApiError(ErrorCode::plugin_message, "the plugin answered with invalid JSON");
    return data;
}

} // namespace portunus::api
