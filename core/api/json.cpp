#include "api/json.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <fmt/format.h>

namespace portunus::api {

void parseRequest(std::string_view text, rapidjson::Document &out) {
    out.Parse(text.data(), text.size());
    if (out.HasParseError())
        throw ApiError(ErrorCode::invalid_json,
                       fmt::format("JSON error: on line 1: {}", rapidjson::GetParseError_En(out.GetParseError())));
    if (!out.IsObject()) throw ApiError(ErrorCode::invalid_json_object, "JSON error: not an object");
}

std::string toJson(const rapidjson::Value &value) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    value.Accept(w);
    return {buf.GetString(), buf.GetSize()};
}

namespace {
const rapidjson::Value *find(const rapidjson::Value &obj, const char *name) {
    auto it = obj.FindMember(name);
    return it == obj.MemberEnd() ? nullptr : &it->value;
}
[[noreturn]] void wrongType(const char *name, const char *type) {
    throw ApiError(ErrorCode::invalid_element_type, fmt::format("Invalid element type ({} should be {})", name, type));
}
[[noreturn]] void missing(const char *name) {
    throw ApiError(ErrorCode::missing_mandatory_element, fmt::format("Missing mandatory element ({})", name));
}
} // namespace

std::optional<std::string> optionalString(const rapidjson::Value &obj, const char *name) {
    const rapidjson::Value *v = find(obj, name);
    if (!v) return std::nullopt;
    if (!v->IsString()) wrongType(name, "a string");
    return std::string(v->GetString(), v->GetStringLength());
}

std::string requireString(const rapidjson::Value &obj, const char *name) {
    auto v = optionalString(obj, name);
    if (!v) missing(name);
    return *v;
}

std::optional<uint64_t> optionalUint(const rapidjson::Value &obj, const char *name) {
    const rapidjson::Value *v = find(obj, name);
    if (!v) return std::nullopt;
    if (!v->IsUint64()) wrongType(name, "a positive integer");
    return v->GetUint64();
}

uint64_t requireUint(const rapidjson::Value &obj, const char *name) {
    auto v = optionalUint(obj, name);
    if (!v) missing(name);
    return *v;
}

const rapidjson::Value *optionalObject(const rapidjson::Value &obj, const char *name) {
    const rapidjson::Value *v = find(obj, name);
    if (v && !v->IsObject()) wrongType(name, "an object");
    return v;
}

const rapidjson::Value &requireObject(const rapidjson::Value &obj, const char *name) {
    const rapidjson::Value *v = optionalObject(obj, name);
    if (!v) missing(name);
    return *v;
}

rapidjson::Document reply(std::string_view kind, const std::optional<std::string> &transaction,
                          uint64_t session_id) {
    rapidjson::Document d(rapidjson::kObjectType);
    auto &a = d.GetAllocator();
    d.AddMember("janus", str(kind, a), a);
    if (session_id) d.AddMember("session_id", session_id, a);
    if (transaction) d.AddMember("transaction", str(*transaction, a), a);
    return d;
}

std::string errorReply(const std::optional<std::string> &transaction, uint64_t session_id, int code,
                       std::string_view reason) {
    rapidjson::Document d = reply("error", transaction, session_id);
    auto &a = d.GetAllocator();
    rapidjson::Value err(rapidjson::kObjectType);
    err.AddMember("code", code, a);
    err.AddMember("reason", str(reason, a), a);
    d.AddMember("error", err, a);
    return toJson(d);
}

} // namespace portunus::api
