// Reading request fields the way Janus validates them: a missing mandatory
// field is error 429 "Missing mandatory element (x)", a field of the wrong
// type 430 "Invalid element type (x should be ...)". And the few writing
// helpers the event builders share.
#pragma once

#include "errors.hpp"

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portunus::sfu {

using Value = rapidjson::Value;
using Allocator = rapidjson::Document::AllocatorType;

// Parses a request body; throws 422 unless it is a JSON object.
rapidjson::Document parseObject(std::string_view text);

const Value *field(const Value &object, const char *name);

std::optional<uint64_t> optUint(const Value &object, const char *name); // positive integer (0 allowed)
uint64_t reqUint(const Value &object, const char *name);
std::optional<std::string> optString(const Value &object, const char *name);
std::string reqString(const Value &object, const char *name);
std::optional<bool> optBool(const Value &object, const char *name);
bool reqBool(const Value &object, const char *name);
// An array's elements (empty when absent); throws 430 when not an array.
const Value *optArray(const Value &object, const char *name);
const Value &reqArray(const Value &object, const char *name);
// An array of strings (nullopt when absent).
std::optional<std::vector<std::string>> optStrings(const Value &object, const char *name);

std::string toJson(const Value &value);
Value str(std::string_view s, Allocator &a);

} // namespace portunus::sfu
