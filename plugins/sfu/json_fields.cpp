#include "json_fields.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace portunus::sfu {

namespace {

[[noreturn]] void invalid(const char *name, const char *what) {
    throw SfuError(kErrorInvalidElement, std::string("Invalid element type (") + name + " should be " + what + ")");
}

[[noreturn]] void missing(const char *name) {
    throw SfuError(kErrorMissingElement, std::string("Missing mandatory element (") + name + ")");
}

} // namespace

rapidjson::Document parseObject(std::string_view text) {
    rapidjson::Document d;
    d.Parse(text.data(), text.size());
    if (d.HasParseError() || !d.IsObject()) throw SfuError(kErrorInvalidJson, "JSON error: not an object");
    return d;
}

const Value *field(const Value &object, const char *name) {
    auto it = object.FindMember(name);
    return it == object.MemberEnd() ? nullptr : &it->value;
}

std::optional<uint64_t> optUint(const Value &object, const char *name) {
    const Value *v = field(object, name);
    if (!v) return std::nullopt;
    if (!v->IsUint64()) invalid(name, "a positive integer");
    return v->GetUint64();
}

uint64_t reqUint(const Value &object, const char *name) {
    auto v = optUint(object, name);
    if (!v) missing(name);
    return *v;
}

std::optional<std::string> optString(const Value &object, const char *name) {
    const Value *v = field(object, name);
    if (!v) return std::nullopt;
    if (!v->IsString()) invalid(name, "a string");
    return std::string(v->GetString(), v->GetStringLength());
}

std::string reqString(const Value &object, const char *name) {
    auto v = optString(object, name);
    if (!v) missing(name);
    return *v;
}

std::optional<bool> optBool(const Value &object, const char *name) {
    const Value *v = field(object, name);
    if (!v) return std::nullopt;
    if (!v->IsBool()) invalid(name, "a boolean");
    return v->GetBool();
}

bool reqBool(const Value &object, const char *name) {
    auto v = optBool(object, name);
    if (!v) missing(name);
    return *v;
}

const Value *optArray(const Value &object, const char *name) {
    const Value *v = field(object, name);
    if (v && !v->IsArray()) invalid(name, "an array");
    return v;
}

const Value &reqArray(const Value &object, const char *name) {
    const Value *v = optArray(object, name);
    if (!v) missing(name);
    return *v;
}

std::optional<std::vector<std::string>> optStrings(const Value &object, const char *name) {
    const Value *v = optArray(object, name);
    if (!v) return std::nullopt;
    std::vector<std::string> out;
    for (const auto &item : v->GetArray()) {
        if (!item.IsString()) invalid(name, "an array of strings");
        out.emplace_back(item.GetString(), item.GetStringLength());
    }
    return out;
}

std::string toJson(const Value &value) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    value.Accept(w);
    return {buf.GetString(), buf.GetSize()};
}

Value str(std::string_view s, Allocator &a) { return Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), a); }

} // namespace portunus::sfu
