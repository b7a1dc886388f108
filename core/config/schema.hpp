// A small JSON-Schema subset for config files, shared by the core and plugins.
// Supported keywords: type (object, array, string, integer, number, boolean),
// properties, additionalProperties (false unless given: unknown keys are errors),
// required, items, enum, minimum, maximum, minLength, maxLength, default,
// description. Missing values with a default are filled in.
#pragma once

#include "config/sourced_json.hpp"

#include <string>

namespace portunus::config {

// Validates `src.doc` (or the value at `root`) against `schema`, appending one
// error per problem, and fills defaults in place.
void validate(const rapidjson::Value &schema, SourcedJson &src, Errors &errors);

// Validates one value: exposed for the subtree of a plugin config.
void validateValue(const rapidjson::Value &schema, rapidjson::Value &value,
                   rapidjson::Document::AllocatorType &alloc, const SourcedJson &src,
                   const std::string &pointer, Errors &errors);

// Parses schema text (JSON); a broken schema is a programming error of its
// author and is reported as such.
bool parseSchema(std::string_view text, rapidjson::Document &out, std::string &error);

} // namespace portunus::config
