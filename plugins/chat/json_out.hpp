// Building the plugin's JSON replies and events: an object written field by
// field (RapidJSON's writer escapes), nested arrays/objects as text.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace portunus::chat {

class JsonOut {
public:
    JsonOut() : state_(std::make_unique<State>()) { w().StartObject(); }
    JsonOut &add(std::string_view key, std::string_view v) {
        keyed(key);
        w().String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
        return *this;
    }
    JsonOut &add(std::string_view key, const char *v) { return add(key, std::string_view(v)); }
    JsonOut &add(std::string_view key, const std::string &v) { return add(key, std::string_view(v)); }
    JsonOut &add(std::string_view key, uint64_t v) { return keyed(key), w().Uint64(v), *this; }
    JsonOut &add(std::string_view key, int64_t v) { return keyed(key), w().Int64(v), *this; }
    JsonOut &add(std::string_view key, int v) { return keyed(key), w().Int(v), *this; }
    JsonOut &add(std::string_view key, bool v) { return keyed(key), w().Bool(v), *this; }
    // `json` is already JSON text (an array or object built elsewhere).
    JsonOut &raw(std::string_view key, std::string_view json) {
        keyed(key);
        w().RawValue(json.data(), json.size(), rapidjson::kObjectType);
        return *this;
    }
    std::string str() {
        if (!state_->done) w().EndObject();
        state_->done = true;
        return std::string(state_->buf.GetString(), state_->buf.GetSize());
    }

private:
    // Behind a pointer so that a JsonOut can be returned and moved.
    struct State {
        rapidjson::StringBuffer buf;
        rapidjson::Writer<rapidjson::StringBuffer> writer{buf};
        bool done = false;
    };
    rapidjson::Writer<rapidjson::StringBuffer> &w() { return state_->writer; }
    void keyed(std::string_view key) { w().Key(key.data(), static_cast<rapidjson::SizeType>(key.size())); }
    std::unique_ptr<State> state_;
};

// "[a,b,c]" from JSON texts.
class JsonArray {
public:
    void push(std::string_view json) {
        text_ += text_.size() > 1 ? "," : "";
        text_ += json;
    }
    void pushString(std::string_view s) {
        rapidjson::StringBuffer buf;
        rapidjson::Writer<rapidjson::StringBuffer> w(buf);
        w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
        push(std::string_view(buf.GetString(), buf.GetSize()));
    }
    std::string str() const { return text_ + "]"; }

private:
    std::string text_ = "[";
};

} // namespace portunus::chat
