#include "plugins/answer_options.hpp"

#include "sdp/text.hpp"

#include <rapidjson/document.h>

namespace portunus {

namespace {

bool readDirection(const rapidjson::Value &v, sdp::Direction &out, std::string &error) {
    if (!v.IsString() || !sdp::parseDirection(v.GetString())) {
        error = "direction must be sendrecv, sendonly, recvonly or inactive";
        return false;
    }
    out = *sdp::parseDirection(v.GetString());
    return true;
}

bool readCodecs(const rapidjson::Value &kind, const std::vector<sdp::CodecPreference> &known,
                std::vector<sdp::CodecPreference> &out, std::string &error) {
    auto codecs = kind.FindMember("codecs");
    if (codecs == kind.MemberEnd()) return true;
    if (!codecs->value.IsArray()) {
        error = "codecs must be an array of names";
        return false;
    }
    out.clear();
    for (const auto &name : codecs->value.GetArray()) {
        bool found = false;
        for (const auto &k : known)
            if (name.IsString() && sdp::text::iequals(k.name, name.GetString())) {
                out.push_back(k);
                found = true;
            }
        if (!found) {
            error = std::string("unsupported codec ") + (name.IsString() ? name.GetString() : "(not a string)");
            return false;
        }
    }
    return true;
}

} // namespace

bool answerOptionsFromJson(std::string_view json, sdp::AnswerOptions &out, std::string &error) {
    rapidjson::Document d;
    d.Parse(json.data(), json.size());
    if (d.HasParseError() || !d.IsObject()) {
        error = "options must be a JSON object";
        return false;
    }
    if (auto a = d.FindMember("audio"); a != d.MemberEnd() && a->value.IsObject())
        if (!readCodecs(a->value, sdp::defaultAudioCodecs(), out.audioCodecs, error)) return false;
    if (auto v = d.FindMember("video"); v != d.MemberEnd() && v->value.IsObject())
        if (!readCodecs(v->value, sdp::defaultVideoCodecs(), out.videoCodecs, error)) return false;
    if (auto data = d.FindMember("data"); data != d.MemberEnd()) {
        if (!data->value.IsBool()) {
            error = "data must be true or false";
            return false;
        }
        out.acceptDataChannels = data->value.GetBool();
    }
    if (auto dir = d.FindMember("direction"); dir != d.MemberEnd())
        if (!readDirection(dir->value, out.defaults.direction, error)) return false;
    if (auto sections = d.FindMember("sections"); sections != d.MemberEnd() && sections->value.IsObject()) {
        for (const auto &s : sections->value.GetObject()) {
            sdp::SectionOptions o = out.defaults;
            if (!s.value.IsObject()) continue;
            if (auto acc = s.value.FindMember("accept"); acc != s.value.MemberEnd() && acc->value.IsBool())
                o.accept = acc->value.GetBool();
            if (auto dir = s.value.FindMember("direction"); dir != s.value.MemberEnd())
                if (!readDirection(dir->value, o.direction, error)) return false;
            out.sections[s.name.GetString()] = o;
        }
    }
    return true;
}

} // namespace portunus
