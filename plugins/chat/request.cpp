#include "request.hpp"

#include "utf8.hpp"

#include <rapidjson/document.h>

#include <array>
#include <utility>

namespace portunus::chat {

namespace {

constexpr std::array<std::pair<const char *, Verb>, 25> kVerbs{{
    {"setup", Verb::setup},
    {"ack", Verb::ack},
    {"restart", Verb::restart},
    {"create", Verb::create},
    {"edit", Verb::edit_room}, // an edit naming a "sequence" is a message edit
    {"destroy", Verb::destroy},
    {"exists", Verb::exists},
    {"list", Verb::list},
    {"listparticipants", Verb::listparticipants},
    {"allowed", Verb::allowed},
    {"kick", Verb::kick},
    {"mute", Verb::mute},
    {"unmute", Verb::unmute},
    {"ban", Verb::ban},
    {"unban", Verb::unban},
    {"join", Verb::join},
    {"leave", Verb::leave},
    {"message", Verb::message},
    {"announcement", Verb::announcement},
    {"delete", Verb::delete_message},
    {"history", Verb::history},
    {"receipt", Verb::receipt},
    {"receipts", Verb::receipts},
    {"typing", Verb::typing},
    {"edit", Verb::edit_message},
}};

[[noreturn]] void invalid(const char *name, const char *should) {
    throw ChatError(kInvalidElement, std::string("Invalid element (") + name + " should be " + should + ")");
}

// Typed readers of one object's members: absent stays absent, a wrong type is 414.
class Fields {
public:
    explicit Fields(const rapidjson::Value &object) : object_(object) {}

    const rapidjson::Value *find(const char *name) const {
        auto it = object_.FindMember(name);
        return it == object_.MemberEnd() || it->value.IsNull() ? nullptr : &it->value;
    }
    void str(const char *name, std::optional<std::string> &out) const {
        if (const auto *v = find(name)) out = string(*v, name);
    }
    void uint(const char *name, std::optional<uint64_t> &out, bool positive = false) const {
        const auto *v = find(name);
        if (!v) return;
        if (!v->IsUint64() || (positive && v->GetUint64() == 0)) invalid(name, positive ? "a positive integer" : "an unsigned integer");
        out = v->GetUint64();
    }
    void flag(const char *name, std::optional<bool> &out) const {
        const auto *v = find(name);
        if (!v) return;
        if (!v->IsBool()) invalid(name, "a boolean");
        out = v->GetBool();
    }
    void strings(const char *name, std::vector<std::string> &out) const {
        const auto *v = find(name);
        if (!v) return;
        if (!v->IsArray()) invalid(name, "an array of strings");
        for (const auto &item : v->GetArray()) out.push_back(string(item, name));
    }

    static std::string string(const rapidjson::Value &v, const char *name) {
        if (!v.IsString()) invalid(name, "a string");
        std::string_view text(v.GetString(), v.GetStringLength());
        if (!validUtf8(text)) throw ChatError(kInvalidUtf8, std::string("Invalid UTF-8 in ") + name);
        return std::string(text);
    }

private:
    const rapidjson::Value &object_;
};

Verb verbOf(const rapidjson::Value &object, std::string_view key) {
    auto it = object.FindMember(rapidjson::Value(rapidjson::StringRef(key.data(), key.size())));
    if (it == object.MemberEnd()) throw ChatError(kMissingElement, "Missing element (" + std::string(key) + ")");
    if (!it->value.IsString()) throw ChatError(kInvalidElement, "Invalid element (" + std::string(key) + " should be a string)");
    std::string_view name(it->value.GetString(), it->value.GetStringLength());
    bool names_message = object.HasMember("sequence");
    for (const auto &[verb_name, verb] : kVerbs) {
        if (name != verb_name) continue;
        if (verb == Verb::edit_room && names_message) return Verb::edit_message;
        return verb;
    }
    throw ChatError(kInvalidRequest, "Unsupported request " + std::string(name));
}

} // namespace

const char *verbName(Verb verb) {
    for (const auto &[name, v] : kVerbs)
        if (v == verb) return name;
    return "?";
}

Request parseRequest(std::string_view json, std::string_view key) {
    if (json.empty()) throw ChatError(kNoMessage, "No message");
    rapidjson::Document doc;
    doc.Parse(json.data(), json.size());
    if (doc.HasParseError() || !doc.IsObject()) throw ChatError(kInvalidJson, "JSON error: not an object");
    Request r;
    r.verb = verbOf(doc, key);
    Fields f(doc);
    std::optional<std::string> transaction;
    f.str("transaction", transaction);
    r.transaction = transaction.value_or("");

    f.uint("room", r.room, true);
    f.str("username", r.username);
    f.str("display", r.display);
    f.str("pin", r.pin);
    f.str("secret", r.secret);
    f.str("token", r.token);
    f.str("admin_key", r.admin_key);
    f.str("description", r.description);
    f.flag("is_private", r.is_private);
    f.flag("permanent", r.permanent);
    f.uint("max_members", r.max_members, true);
    f.str("new_description", r.new_description);
    f.str("new_secret", r.new_secret);
    f.str("new_pin", r.new_pin);
    f.flag("new_is_private", r.new_is_private);
    f.uint("new_max_members", r.new_max_members, true);
    f.str("action", r.action);
    f.strings("allowed", r.allowed);

    f.str("text", r.text);
    std::optional<std::string> to;
    f.str("to", to);
    if (to) r.to.push_back(*to);
    f.strings("tos", r.to);
    std::optional<bool> flag;
    f.flag("ack", flag);
    r.ack = flag.value_or(true);
    f.str("client_msg_id", r.client_msg_id);
    f.uint("sequence", r.sequence, true);
    f.uint("after_sequence", r.after_sequence);
    f.uint("before_sequence", r.before_sequence, true);
    f.uint("limit", r.limit, true);
    flag.reset();
    f.flag("archive", flag);
    r.archive = flag.value_or(false);
    f.uint("delivered", r.delivered);
    f.uint("read", r.read);
    flag.reset();
    f.flag("typing", flag);
    r.typing = flag.value_or(true);
    return r;
}

std::string transactionOf(std::string_view json) {
    rapidjson::Document doc;
    doc.Parse(json.data(), json.size());
    if (doc.HasParseError() || !doc.IsObject()) return {};
    auto it = doc.FindMember("transaction");
    if (it == doc.MemberEnd() || !it->value.IsString()) return {};
    return std::string(it->value.GetString(), it->value.GetStringLength());
}

} // namespace portunus::chat
