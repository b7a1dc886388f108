#include "config/sourced_json.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace portunus::config {

namespace {

// A rapidjson input stream that counts lines as it goes.
class LineCountingStream {
public:
    using Ch = char;
    explicit LineCountingStream(std::string_view text) : text_(text) {}
    Ch Peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
    Ch Take() {
        Ch c = Peek();
        if (pos_ < text_.size()) {
            ++pos_;
            if (c == '\n') ++line_;
        }
        return c;
    }
    size_t Tell() const { return pos_; }
    Ch *PutBegin() { return nullptr; }
    void Put(Ch) {}
    void Flush() {}
    size_t PutEnd(Ch *) { return 0; }
    int line() const { return line_; }

private:
    std::string_view text_;
    size_t pos_ = 0;
    int line_ = 1;
};

std::string escapePointerToken(std::string_view key) {
    std::string out;
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out.push_back(c);
    }
    return out;
}

// Forwards SAX events to a Document while recording the line of each value.
class LineRecordingHandler {
public:
    LineRecordingHandler(rapidjson::Document &doc, const LineCountingStream &stream,
                         std::unordered_map<std::string, int> &lines)
        : doc_(doc), stream_(stream), lines_(lines) {}

    bool Null() { return value() && doc_.Null(); }
    bool Bool(bool b) { return value() && doc_.Bool(b); }
    bool Int(int i) { return value() && doc_.Int(i); }
    bool Uint(unsigned u) { return value() && doc_.Uint(u); }
    bool Int64(int64_t i) { return value() && doc_.Int64(i); }
    bool Uint64(uint64_t u) { return value() && doc_.Uint64(u); }
    bool Double(double d) { return value() && doc_.Double(d); }
    bool RawNumber(const char *s, rapidjson::SizeType n, bool copy) { return value() && doc_.RawNumber(s, n, copy); }
    bool String(const char *s, rapidjson::SizeType n, bool copy) { return value() && doc_.String(s, n, copy); }
    bool StartObject() {
        record();
        frames_.push_back({true, {}, 0});
        return doc_.StartObject();
    }
    bool Key(const char *s, rapidjson::SizeType n, bool copy) {
        frames_.back().key = escapePointerToken(std::string_view(s, n));
        return doc_.Key(s, n, copy);
    }
    bool EndObject(rapidjson::SizeType n) {
        frames_.pop_back();
        advance();
        return doc_.EndObject(n);
    }
    bool StartArray() {
        record();
        frames_.push_back({false, {}, 0});
        return doc_.StartArray();
    }
    bool EndArray(rapidjson::SizeType n) {
        frames_.pop_back();
        advance();
        return doc_.EndArray(n);
    }

private:
    struct Frame {
        bool object;
        std::string key;
        size_t index;
    };
    std::string pointer() const {
        std::string p;
        for (const auto &f : frames_) p += "/" + (f.object ? f.key : std::to_string(f.index));
        return p;
    }
    void record() { lines_.emplace(pointer(), stream_.line()); }
    void advance() {
        if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
    }
    bool value() {
        record();
        advance();
        return true;
    }

    rapidjson::Document &doc_;
    const LineCountingStream &stream_;
    std::unordered_map<std::string, int> &lines_;
    std::vector<Frame> frames_;
};

int lineAtOffset(std::string_view text, size_t offset) {
    int line = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i)
        if (text[i] == '\n') ++line;
    return line;
}

} // namespace

std::string ConfigError::str() const { return fmt::format("{}:{}: {}", file, line, message); }

int SourcedJson::lineOf(std::string pointer) const {
    for (;;) {
        if (auto it = lines.find(pointer); it != lines.end()) return it->second;
        if (pointer.empty()) return 1;
        pointer.erase(pointer.rfind('/'));
    }
}

ConfigError SourcedJson::error(const std::string &pointer, std::string message) const {
    return {file, lineOf(pointer), std::move(message)};
}

bool parseJsonc(std::string file, std::string_view text, SourcedJson &out, Errors &errors) {
    out.file = std::move(file);
    out.lines.clear();
    LineCountingStream stream(text);
    rapidjson::ParseResult result;
    constexpr unsigned kFlags = rapidjson::kParseCommentsFlag | rapidjson::kParseTrailingCommasFlag;
    // Populate runs the parse with the document as SAX target and then moves the
    // finished root into it; the handler in between records lines.
    auto generate = [&](rapidjson::Document &doc) {
        LineRecordingHandler handler(doc, stream, out.lines);
        rapidjson::Reader reader;
        result = reader.Parse<kFlags>(stream, handler);
        return !result.IsError();
    };
    out.doc.Populate(generate);
    if (result.IsError()) {
        errors.push_back({out.file, lineAtOffset(text, result.Offset()),
                          fmt::format("syntax error: {}", rapidjson::GetParseError_En(result.Code()))});
        out.doc.SetNull();
        return false;
    }
    return true;
}

bool loadJsoncFile(const std::string &path, SourcedJson &out, Errors &errors) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        errors.push_back({path, 0, "cannot read file"});
        return false;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    return parseJsonc(path, buffer.str(), out, errors);
}

} // namespace portunus::config
