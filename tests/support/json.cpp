#include "support/json.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/pointer.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <atomic>
#include <ostream>
#include <stdexcept>

namespace portunus::test {

namespace {
std::string toText(const rapidjson::Value &v) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    v.Accept(w);
    return {buf.GetString(), buf.GetSize()};
}

rapidjson::Value key(std::string_view k, rapidjson::Document::AllocatorType &a) {
    return rapidjson::Value(k.data(), static_cast<rapidjson::SizeType>(k.size()), a);
}

void mergeInto(rapidjson::Value &base, const rapidjson::Value &overrides, rapidjson::Document::AllocatorType &alloc) {
    if (!base.IsObject() || !overrides.IsObject()) {
        base.CopyFrom(overrides, alloc);
        return;
    }
    for (const auto &m : overrides.GetObject()) {
        auto it = base.FindMember(m.name);
        if (it != base.MemberEnd()) mergeInto(it->value, m.value, alloc);
        else base.AddMember(rapidjson::Value(m.name, alloc), rapidjson::Value(m.value, alloc), alloc);
    }
}
} // namespace

Json::Json() { doc_.SetObject(); }

Json::Json(const Json &other) { doc_.CopyFrom(other.doc_, doc_.GetAllocator()); }

Json &Json::operator=(const Json &other) {
    if (this != &other) {
        rapidjson::Document copy;
        copy.CopyFrom(other.doc_, copy.GetAllocator());
        doc_.Swap(copy);
    }
    return *this;
}

Json Json::parse(std::string_view text) {
    Json j;
    j.doc_.Parse(text.data(), text.size());
    if (j.doc_.HasParseError())
        throw std::runtime_error("not JSON (" + std::string(rapidjson::GetParseError_En(j.doc_.GetParseError())) +
                                 " at offset " + std::to_string(j.doc_.GetErrorOffset()) + "): " +
                                 std::string(text.substr(0, 2000)));
    return j;
}

bool Json::valid(std::string_view text) {
    rapidjson::Document d;
    d.Parse(text.data(), text.size());
    return !d.HasParseError();
}

Json &Json::set(std::string_view k, std::string_view value) {
    auto &a = doc_.GetAllocator();
    remove(k);
    doc_.AddMember(key(k, a), rapidjson::Value(value.data(), static_cast<rapidjson::SizeType>(value.size()), a), a);
    return *this;
}

Json &Json::set(std::string_view k, uint64_t value) {
    auto &a = doc_.GetAllocator();
    remove(k);
    doc_.AddMember(key(k, a), rapidjson::Value(value), a);
    return *this;
}

Json &Json::set(std::string_view k, int value) {
    auto &a = doc_.GetAllocator();
    remove(k);
    doc_.AddMember(key(k, a), rapidjson::Value(value), a);
    return *this;
}

Json &Json::set(std::string_view k, bool value) {
    auto &a = doc_.GetAllocator();
    remove(k);
    doc_.AddMember(key(k, a), rapidjson::Value(value), a);
    return *this;
}

Json &Json::set(std::string_view k, const Json &value) {
    auto &a = doc_.GetAllocator();
    remove(k);
    doc_.AddMember(key(k, a), rapidjson::Value(value.doc_, a), a);
    return *this;
}

Json &Json::setRaw(std::string_view k, std::string_view json) { return set(k, parse(json)); }

Json &Json::remove(std::string_view k) {
    if (doc_.IsObject()) doc_.RemoveMember(rapidjson::Value(rapidjson::StringRef(k.data(), k.size())));
    return *this;
}

std::string Json::text() const { return toText(doc_); }

const rapidjson::Value *Json::find(std::string_view pointer) const {
    rapidjson::Pointer p(pointer.data(), pointer.size());
    if (!p.IsValid()) throw std::runtime_error("invalid JSON pointer " + std::string(pointer));
    return p.Get(doc_);
}

bool Json::has(std::string_view pointer) const { return find(pointer) != nullptr; }

const rapidjson::Value &Json::require(std::string_view pointer, const char *what) const {
    const rapidjson::Value *v = find(pointer);
    if (!v) throw std::runtime_error("no " + std::string(pointer) + " in " + text());
    bool ok = std::string_view(what) == "string"    ? v->IsString()
              : std::string_view(what) == "uint64"  ? v->IsUint64()
              : std::string_view(what) == "int64"   ? v->IsInt64()
              : std::string_view(what) == "boolean" ? v->IsBool()
              : std::string_view(what) == "array"   ? v->IsArray()
              : std::string_view(what) == "object"  ? v->IsObject()
                                                    : true;
    if (!ok) throw std::runtime_error(std::string(pointer) + " is not " + what + " in " + text());
    return *v;
}

std::string Json::str(std::string_view pointer) const {
    const auto &v = require(pointer, "string");
    return {v.GetString(), v.GetStringLength()};
}

uint64_t Json::u64(std::string_view pointer) const { return require(pointer, "uint64").GetUint64(); }
int64_t Json::i64(std::string_view pointer) const { return require(pointer, "int64").GetInt64(); }
bool Json::boolean(std::string_view pointer) const { return require(pointer, "boolean").GetBool(); }

bool Json::isArray(std::string_view pointer) const {
    const rapidjson::Value *v = find(pointer);
    return v && v->IsArray();
}

bool Json::isObject(std::string_view pointer) const {
    const rapidjson::Value *v = find(pointer);
    return v && v->IsObject();
}

size_t Json::size(std::string_view pointer) const {
    const rapidjson::Value *v = find(pointer);
    if (v && v->IsArray()) return v->Size();
    if (v && v->IsObject()) return v->MemberCount();
    throw std::runtime_error(std::string(pointer) + " is neither an array nor an object in " + text());
}

Json Json::at(std::string_view pointer) const {
    const auto &v = require(pointer, "any");
    Json out;
    out.doc_.CopyFrom(v, out.doc_.GetAllocator());
    return out;
}

std::vector<Json> Json::items(std::string_view pointer) const {
    const auto &v = require(pointer, "array");
    std::vector<Json> out;
    for (const auto &item : v.GetArray()) {
        Json j;
        j.doc_.CopyFrom(item, j.doc_.GetAllocator());
        out.push_back(std::move(j));
    }
    return out;
}

std::vector<std::string> Json::keys(std::string_view pointer) const {
    const auto &v = require(pointer, "object");
    std::vector<std::string> out;
    for (const auto &m : v.GetObject()) out.emplace_back(m.name.GetString(), m.name.GetStringLength());
    return out;
}

Json &Json::merge(const Json &overrides) {
    mergeInto(doc_, overrides.doc_, doc_.GetAllocator());
    return *this;
}

std::string nextTransaction() {
    static std::atomic<unsigned> counter{0};
    return "tx-" + std::to_string(++counter);
}

std::ostream &operator<<(std::ostream &out, const Json &json) { return out << json.text(); }

} // namespace portunus::test
