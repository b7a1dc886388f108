// JSON for tests: build requests with chained set() calls and read replies with
// JSON pointers ("/plugindata/data/result"). Getters throw std::runtime_error
// naming the pointer and the whole document when a value is missing or of
// another type, so a wrong reply fails the test with the reply in the message.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace portunus::test {

class Json {
public:
    Json(); // an empty object
    Json(const Json &other);
    Json &operator=(const Json &other);
    Json(Json &&) = default;
    Json &operator=(Json &&) = default;

    // Throws when `text` is not JSON.
    static Json parse(std::string_view text);
    // True when `text` parses as JSON.
    static bool valid(std::string_view text);

    // Setters on the top-level object; return *this for chaining.
    Json &set(std::string_view key, std::string_view value);
    Json &set(std::string_view key, const char *value) { return set(key, std::string_view(value)); }
    Json &set(std::string_view key, const std::string &value) { return set(key, std::string_view(value)); }
    Json &set(std::string_view key, uint64_t value);
    Json &set(std::string_view key, int value);
    Json &set(std::string_view key, bool value);
    Json &set(std::string_view key, const Json &value);
    // `json` is JSON text, e.g. setRaw("body", R"({"audio":true})").
    Json &setRaw(std::string_view key, std::string_view json);
    Json &remove(std::string_view key);
    // Deep merge: objects merge key by key, anything else in `overrides` replaces.
    Json &merge(const Json &overrides);

    std::string text() const;

    // Reading, by JSON pointer ("" is the whole document).
    bool has(std::string_view pointer) const;
    const rapidjson::Value *find(std::string_view pointer) const;
    std::string str(std::string_view pointer) const;
    uint64_t u64(std::string_view pointer) const;
    int64_t i64(std::string_view pointer) const;
    bool boolean(std::string_view pointer) const;
    bool isArray(std::string_view pointer = "") const;
    bool isObject(std::string_view pointer = "") const;
    size_t size(std::string_view pointer = "") const; // array elements or object members
    Json at(std::string_view pointer) const;          // a copy of the sub-value
    std::vector<Json> items(std::string_view pointer = "") const; // an array's elements
    std::vector<std::string> keys(std::string_view pointer = "") const;

    // Shorthands for Janus replies.
    std::string janus() const { return str("/janus"); }
    int64_t errorCode() const { return i64("/error/code"); }

    const rapidjson::Document &doc() const { return doc_; }
    bool operator==(const Json &other) const { return doc_ == other.doc_; }

private:
    const rapidjson::Value &require(std::string_view pointer, const char *what) const;
    rapidjson::Document doc_;
};

// A transaction id unique within the test process ("tx-1", "tx-2", ...).
std::string nextTransaction();

// For gtest messages: the text of a value.
std::ostream &operator<<(std::ostream &out, const Json &json);

} // namespace portunus::test
