#include "plugins/offer_options.hpp"

#include "sdp/text.hpp"

#include <rapidjson/document.h>

#include <fmt/format.h>

#include <stdexcept>

namespace portunus {

namespace {

// A stream entry's members; each check throws std::invalid_argument.
class StreamReader {
public:
    StreamReader(const rapidjson::Value &v, size_t index) : v_(v), where_(fmt::format("streams[{}]", index)) {
        if (!v.IsObject()) fail("must be an object");
        for (const auto &m : v.GetObject())
            if (!isKnown(m.name.GetString())) fail(fmt::format("unknown key '{}'", m.name.GetString()));
    }

    std::optional<std::string> string(const char *key) {
        auto it = v_.FindMember(key);
        if (it == v_.MemberEnd()) return std::nullopt;
        if (!it->value.IsString()) fail(fmt::format("{} must be a string", key));
        return std::string(it->value.GetString(), it->value.GetStringLength());
    }
    std::optional<int> integer(const char *key) {
        auto it = v_.FindMember(key);
        if (it == v_.MemberEnd()) return std::nullopt;
        if (!it->value.IsInt()) fail(fmt::format("{} must be an integer", key));
        return it->value.GetInt();
    }
    std::optional<bool> boolean(const char *key) {
        auto it = v_.FindMember(key);
        if (it == v_.MemberEnd()) return std::nullopt;
        if (!it->value.IsBool()) fail(fmt::format("{} must be true or false", key));
        return it->value.GetBool();
    }
    [[noreturn]] void fail(const std::string &what) const { throw std::invalid_argument(where_ + ": " + what); }

private:
    static bool isKnown(std::string_view key) {
        for (std::string_view k : {"mid", "kind", "codec", "payload_type", "fmtp", "rtx_payload_type", "msid",
                                   "direction", "active"})
            if (k == key) return true;
        return false;
    }
    const rapidjson::Value &v_;
    std::string where_;
};

sdp::OfferStream readStream(const rapidjson::Value &v, size_t index) {
    StreamReader r(v, index);
    sdp::OfferStream s;
    s.mid = r.string("mid").value_or("");
    std::string kind = r.string("kind").value_or("");
    if (kind == "audio") s.kind = sdp::MediaKind::Audio;
    else if (kind == "video") s.kind = sdp::MediaKind::Video;
    else if (kind == "data") s.kind = sdp::MediaKind::Application;
    else r.fail("kind must be audio, video or data");
    s.active = r.boolean("active").value_or(true);
    if (s.kind == sdp::MediaKind::Application) return s;
    s.codec = r.string("codec").value_or("");
    auto pt = r.integer("payload_type");
    if (!pt) r.fail("payload_type is required");
    s.payloadType = *pt;
    s.fmtp = r.string("fmtp").value_or("");
    if (auto rtx = r.integer("rtx_payload_type")) {
        if (s.kind != sdp::MediaKind::Video) r.fail("rtx_payload_type is for video");
        s.rtxPayloadType = *rtx;
    }
    if (auto msid = r.string("msid")) {
        auto words = sdp::text::words(*msid);
        if (words.empty() || words.size() > 2) r.fail("msid must be \"<stream> [<track>]\"");
        s.msidStream = std::string(words[0]);
        if (words.size() == 2) s.msidTrack = std::string(words[1]);
    }
    if (auto direction = r.string("direction")) {
        auto d = sdp::parseDirection(*direction);
        if (!d) r.fail("direction must be sendrecv, sendonly, recvonly or inactive");
        s.direction = *d;
    }
    return s;
}

} // namespace

bool offerOptionsFromJson(std::string_view json, sdp::OfferOptions &out, std::string &error) {
    rapidjson::Document d;
    d.Parse(json.data(), json.size());
    if (d.HasParseError() || !d.IsObject()) {
        error = "options must be a JSON object";
        return false;
    }
    auto streams = d.FindMember("streams");
    if (streams == d.MemberEnd() || !streams->value.IsArray() || streams->value.Empty()) {
        error = "streams must be a non-empty array";
        return false;
    }
    try {
        out.streams.clear();
        for (rapidjson::SizeType i = 0; i < streams->value.Size(); ++i)
            out.streams.push_back(readStream(streams->value[i], i));
    } catch (const std::invalid_argument &e) {
        error = e.what();
        return false;
    }
    return true;
}

} // namespace portunus
