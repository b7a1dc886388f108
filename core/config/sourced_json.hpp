// JSON with comments and trailing commas, parsed with the line of every value
// kept beside the document, so that config errors can say `file:line: what`.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace portunus::config {

struct ConfigError {
    std::string file;
    int line = 0;
    std::string message;
    std::string str() const;
};

using Errors = std::vector<ConfigError>;

struct SourcedJson {
    std::string file;
    rapidjson::Document doc;
    // JSON pointer ("/client_api/http/port") -> 1-based line of the value.
    std::unordered_map<std::string, int> lines;

    // The line of `pointer`, or of its nearest ancestor that has one.
    int lineOf(std::string pointer) const;
    ConfigError error(const std::string &pointer, std::string message) const;
};

// Parses `text`. On a syntax error appends one error with its line and returns false.
bool parseJsonc(std::string file, std::string_view text, SourcedJson &out, Errors &errors);

// Reads and parses a file; a missing or unreadable file is an error too.
bool loadJsoncFile(const std::string &path, SourcedJson &out, Errors &errors);

} // namespace portunus::config
