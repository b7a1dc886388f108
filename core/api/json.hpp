// Small helpers for reading requests and writing replies with RapidJSON.
// Readers throw ApiError with the Janus code for a missing or mistyped element.
#pragma once

#include "api/api_error.hpp"

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace portunus::api {

using Allocator = rapidjson::Document::AllocatorType;

// Parses a request body: invalid JSON -> 454, not an object -> 455.
void parseRequest(std::string_view text, rapidjson::Document &out);

std::string toJson(const rapidjson::Value &value);

// Typed members; required ones throw 456 when absent, all throw 467 on a wrong type.
std::string requireString(const rapidjson::Value &obj, const char *name);
std::optional<std::string> optionalString(const rapidjson::Value &obj, const char *name);
std::optional<uint64_t> optionalUint(const rapidjson::Value &obj, const char *name);
uint64_t requireUint(const rapidjson::Value &obj, const char *name);
const rapidjson::Value *optionalObject(const rapidjson::Value &obj, const char *name);
const rapidjson::Value &requireObject(const rapidjson::Value &obj, const char *name);

inline rapidjson::Value str(std::string_view s, Allocator &a) {
    return rapidjson::Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), a);
}

// {"janus": kind, "transaction": tx} with session_id when non-zero.
rapidjson::Document reply(std::string_view kind, const std::optional<std::string> &transaction,
                          uint64_t session_id = 0);
std::string errorReply(const std::optional<std::string> &transaction, uint64_t session_id, int code,
                       std::string_view reason);

} // namespace portunus::api
