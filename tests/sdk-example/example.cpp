// greeter: a complete Portunus plugin built against the installed SDK only.
//
// Clients attach to "com.example.plugin.greeter" (or its alias
// "example.greeter") and send {"name": "..."}; the plugin answers at once with
// {"greeting": "<greeting>, <name>"}, where <greeting> is the "greeting"
// setting of plugins.d/example.jsonc (default "hello"). It also shows the
// SDK's media toolkit (Portunus::media): {"codec": "VP8"} is answered with the
// toolkit's name for that codec, {"codec": "vp8"} ("unknown" if it is none).
//
// To need nothing but the SDK, it reads JSON with the few lines below instead
// of a JSON library; a real plugin would rather use RapidJSON, nlohmann/json...
#include <portunus/media/codec.hpp>
#include <portunus/plugin.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace {

// ---- Just enough JSON: one string member of a top-level object. ------------

class Reader {
public:
    explicit Reader(std::string_view text) : s_(text) {}

    // The value of `key` in the object `s_`, when it is a string; nullopt when
    // the key is absent, not a string, or the text is not a JSON object.
    std::optional<std::string> stringMember(std::string_view key) {
        std::optional<std::string> found;
        if (!take('{')) return std::nullopt;
        if (take('}')) return std::nullopt;
        do {
            std::optional<std::string> k = string();
            if (!k || !take(':')) return std::nullopt;
            skipSpace();
            if (*k == key && peek() == '"') {
                found = string();
                if (!found) return std::nullopt;
            } else if (!skipValue()) {
                return std::nullopt;
            }
        } while (take(','));
        return take('}') ? found : std::nullopt;
    }

private:
    char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
    void skipSpace() {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
    }
    bool take(char c) {
        skipSpace();
        if (peek() != c) return false;
        ++i_;
        return true;
    }

    // A JSON string, unescaped (\uXXXX is decoded to UTF-8, surrogate pairs too).
    std::optional<std::string> string() {
        if (!take('"')) return std::nullopt;
        std::string out;
        while (i_ < s_.size()) {
            char c = s_[i_++];
            if (c == '"') return out;
            if (static_cast<unsigned char>(c) < 0x20) return std::nullopt;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (i_ >= s_.size()) return std::nullopt;
            switch (char e = s_[i_++]) {
            case '"': case '\\': case '/': out += e; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                std::optional<unsigned> cp = hex4();
                if (!cp) return std::nullopt;
                if (*cp >= 0xD800 && *cp < 0xDC00) { // high surrogate: a low one must follow
                    if (s_.substr(i_, 2) != "\\u") return std::nullopt;
                    i_ += 2;
                    std::optional<unsigned> lo = hex4();
                    if (!lo || *lo < 0xDC00 || *lo > 0xDFFF) return std::nullopt;
                    cp = 0x10000 + ((*cp - 0xD800) << 10) + (*lo - 0xDC00);
                } else if (*cp >= 0xDC00 && *cp < 0xE000) {
                    return std::nullopt;
                }
                utf8(*cp, out);
                break;
            }
            default: return std::nullopt;
            }
        }
        return std::nullopt;
    }

    std::optional<unsigned> hex4() {
        if (i_ + 4 > s_.size()) return std::nullopt;
        unsigned v = 0;
        for (int k = 0; k < 4; ++k) {
            char c = s_[i_++];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= unsigned(c - '0');
            else if (c >= 'a' && c <= 'f') v |= unsigned(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= unsigned(c - 'A' + 10);
            else return std::nullopt;
        }
        return v;
    }

    static void utf8(unsigned cp, std::string &out) {
        if (cp < 0x80) {
            out += char(cp);
        } else if (cp < 0x800) {
            out += char(0xC0 | (cp >> 6));
            out += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += char(0xE0 | (cp >> 12));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        } else {
            out += char(0xF0 | (cp >> 18));
            out += char(0x80 | ((cp >> 12) & 0x3F));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        }
    }

    // Any other value: skipped by matching brackets outside strings.
    bool skipValue() {
        skipSpace();
        if (peek() == '"') return string().has_value();
        int depth = 0;
        while (i_ < s_.size()) {
            char c = peek();
            if (c == '"') {
                if (!string()) return false;
                continue;
            }
            if (c == '{' || c == '[') ++depth;
            if (c == '}' || c == ']') {
                if (depth == 0) return true; // the end of the enclosing object
                --depth;
            }
            if (c == ',' && depth == 0) return true;
            ++i_;
        }
        return false;
    }

    std::string_view s_;
    size_t i_ = 0;
};

// `text` as a JSON string literal, quotes included.
std::string quoted(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out = "\"";
    for (char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                out += "\\u00";
                out += kHex[(c >> 4) & 0xF];
                out += kHex[c & 0xF];
            } else {
                out += c;
            }
        }
    }
    return out + "\"";
}

// ---- The plugin. -------------------------------------------------------------

constexpr int kErrorInvalidElement = 413; // plugin error codes are the plugin's choice

class Greeter final : public portunus::Plugin {
public:
    // config_json is the validated plugins.d/example.jsonc without "enabled",
    // with the schema's defaults filled in, e.g. {"greeting":"hello"}.
    bool init(std::string_view config_json, std::string &error) override {
        std::optional<std::string> greeting = Reader(config_json).stringMember("greeting");
        if (!greeting) {
            error = "no \"greeting\" in the settings";
            return false;
        }
        greeting_ = *greeting;
        log(PORTUNUS_LOG_INFO, "greeting with \"" + greeting_ + "\"");
        return true;
    }

    // Called on any loop thread; greeting_ is only read after init, so no lock.
    portunus::Result handleMessage(portunus::Handle, std::string_view, std::string_view body,
                                   std::string_view) override {
        if (std::optional<std::string> codec = Reader(body).stringMember("codec")) {
            namespace media = portunus::media;
            return portunus::Result::ok("{\"codec\":" + quoted(media::codecName(media::codecFromName(*codec))) + "}");
        }
        std::optional<std::string> name = Reader(body).stringMember("name");
        if (!name) return portunus::Result::error(kErrorInvalidElement, "expected {\"name\": \"...\"}");
        return portunus::Result::ok("{\"greeting\":" + quoted(greeting_ + ", " + *name) + "}");
    }

private:
    std::string greeting_;
};

constexpr const char *kAliases[] = {"example.greeter", nullptr};

} // namespace

PORTUNUS_EXPORT_PLUGIN(Greeter, {
    .package = "com.example.plugin.greeter",
    .name = "Greeter (SDK example)",
    .description = "Answers {\"name\": N} with {\"greeting\": \"<greeting>, N\"}, {\"codec\": C} with C's name.",
    .version = 1,
    .version_string = "1.0.0",
    .aliases = kAliases,
    .config_schema = R"({"type": "object", "properties": {)"
                     R"("greeting": {"type": "string", "default": "hello", "maxLength": 64,)"
                     R"( "description": "Put before the client's name in every answer."}}})",
})
