#include "config/schema.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <fmt/format.h>

namespace portunus::config {

namespace {

std::string typeOf(const rapidjson::Value &v) {
    if (v.IsObject()) return "object";
    if (v.IsArray()) return "array";
    if (v.IsString()) return "string";
    if (v.IsBool()) return "boolean";
    if (v.IsInt64() || v.IsUint64()) return "integer";
    if (v.IsNumber()) return "number";
    return "null";
}

bool hasType(const rapidjson::Value &v, std::string_view type) {
    if (type == "object") return v.IsObject();
    if (type == "array") return v.IsArray();
    if (type == "string") return v.IsString();
    if (type == "boolean") return v.IsBool();
    if (type == "integer") return v.IsInt64() || v.IsUint64();
    if (type == "number") return v.IsNumber();
    return false;
}

std::string compact(const rapidjson::Value &v) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    v.Accept(w);
    return buf.GetString();
}

std::string pointerToken(std::string_view key) {
    std::string out;
    for (char c : key) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    return out;
}

std::string keyName(const std::string &pointer) {
    return pointer.empty() ? "the top level" : "'" + pointer.substr(1) + "'";
}

const rapidjson::Value *member(const rapidjson::Value &schema, const char *name) {
    if (!schema.IsObject()) return nullptr;
    auto it = schema.FindMember(name);
    return it == schema.MemberEnd() ? nullptr : &it->value;
}

void validateObject(const rapidjson::Value &schema, rapidjson::Value &value,
                    rapidjson::Document::AllocatorType &alloc, const SourcedJson &src,
                    const std::string &pointer, Errors &errors) {
    const rapidjson::Value *props = member(schema, "properties");
    const rapidjson::Value *extra = member(schema, "additionalProperties");
    for (auto &m : value.GetObject()) {
        std::string name(m.name.GetString(), m.name.GetStringLength());
        std::string child = pointer + "/" + pointerToken(name);
        const rapidjson::Value *sub = nullptr;
        if (props && props->IsObject()) {
            auto it = props->FindMember(m.name);
            if (it != props->MemberEnd()) sub = &it->value;
        }
        if (!sub && extra && extra->IsObject()) sub = extra;
        if (!sub && !(extra && extra->IsBool() && extra->GetBool())) {
            errors.push_back(src.error(child, fmt::format("unknown key '{}' in {}", name, keyName(pointer))));
            continue;
        }
        if (sub) validateValue(*sub, m.value, alloc, src, child, errors);
    }
    if (const rapidjson::Value *req = member(schema, "required"); req && req->IsArray()) {
        for (const auto &r : req->GetArray())
            if (r.IsString() && !value.HasMember(r))
                errors.push_back(src.error(pointer, fmt::format("missing required key '{}' in {}",
                                                                r.GetString(), keyName(pointer))));
    }
    if (!props || !props->IsObject()) return;
    // Defaults: fill what is missing, descending into objects so nested defaults apply.
    for (const auto &p : props->GetObject()) {
        if (value.HasMember(p.name)) continue;
        const rapidjson::Value *def = member(p.value, "default");
        const rapidjson::Value *type = member(p.value, "type");
        bool is_object = type && type->IsString() && std::string_view(type->GetString()) == "object";
        if (!def && !is_object) continue;
        rapidjson::Value name(p.name, alloc);
        rapidjson::Value filled(rapidjson::kObjectType);
        if (def) filled.CopyFrom(*def, alloc);
        value.AddMember(name, filled, alloc);
        if (!def) {
            std::string child = pointer + "/" + pointerToken(p.name.GetString());
            validateValue(p.value, value[p.name.GetString()], alloc, src, child, errors);
        }
    }
}

} // namespace

void validateValue(const rapidjson::Value &schema, rapidjson::Value &value,
                   rapidjson::Document::AllocatorType &alloc, const SourcedJson &src,
                   const std::string &pointer, Errors &errors) {
    const std::string where = keyName(pointer);
    if (const rapidjson::Value *type = member(schema, "type"); type && type->IsString()) {
        if (!hasType(value, type->GetString())) {
            errors.push_back(src.error(pointer, fmt::format("{} must be of type {}, not {}", where,
                                                            type->GetString(), typeOf(value))));
            return;
        }
    }
    if (const rapidjson::Value *en = member(schema, "enum"); en && en->IsArray()) {
        bool found = false;
        for (const auto &e : en->GetArray()) found = found || e == value;
        if (!found)
            errors.push_back(src.error(pointer, fmt::format("{} must be one of {}, not {}", where,
                                                            compact(*en), compact(value))));
    }
    if (value.IsNumber()) {
        const rapidjson::Value *min = member(schema, "minimum");
        const rapidjson::Value *max = member(schema, "maximum");
        double v = value.GetDouble();
        if ((min && min->IsNumber() && v < min->GetDouble()) || (max && max->IsNumber() && v > max->GetDouble()))
            errors.push_back(src.error(
                pointer, fmt::format("{} is out of range: {} is not within [{}, {}]", where, compact(value),
                                     min ? compact(*min) : "-inf", max ? compact(*max) : "inf")));
    }
    if (value.IsString()) {
        const rapidjson::Value *minl = member(schema, "minLength");
        const rapidjson::Value *maxl = member(schema, "maxLength");
        auto len = value.GetStringLength();
        if (minl && minl->IsUint() && len < minl->GetUint())
            errors.push_back(src.error(pointer, fmt::format("{} must have at least {} characters", where, minl->GetUint())));
        if (maxl && maxl->IsUint() && len > maxl->GetUint())
            errors.push_back(src.error(pointer, fmt::format("{} must have at most {} characters", where, maxl->GetUint())));
    }
    if (value.IsObject()) validateObject(schema, value, alloc, src, pointer, errors);
    if (value.IsArray()) {
        if (const rapidjson::Value *items = member(schema, "items")) {
            rapidjson::SizeType i = 0;
            for (auto &item : value.GetArray())
                validateValue(*items, item, alloc, src, pointer + "/" + std::to_string(i++), errors);
        }
    }
}

void validate(const rapidjson::Value &schema, SourcedJson &src, Errors &errors) {
    validateValue(schema, src.doc, src.doc.GetAllocator(), src, "", errors);
}

bool parseSchema(std::string_view text, rapidjson::Document &out, std::string &error) {
    out.Parse(text.data(), text.size());
    if (out.HasParseError()) {
        error = fmt::format("invalid schema at offset {}: {}", out.GetErrorOffset(),
                            rapidjson::GetParseError_En(out.GetParseError()));
        return false;
    }
    if (!out.IsObject()) {
        error = "schema must be a JSON object";
        return false;
    }
    return true;
}

} // namespace portunus::config
