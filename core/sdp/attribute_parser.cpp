#include "sdp/attribute_parser.hpp"

#include <fmt/format.h>

#include "sdp/simulcast.hpp"
#include "sdp/text.hpp"

namespace portunus::sdp::attr {

namespace {

bool fail(std::string &error, std::string message) {
    error = std::move(message);
    return false;
}

Outcome failed(std::string &error, std::string message) {
    error = std::move(message);
    return Outcome::Failed;
}

bool isTokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.' || c == '+' || c == '!' || c == '#' || c == '$' || c == '%' || c == '&' || c == '\'' || c == '*' ||
           c == '^' || c == '`' || c == '{' || c == '|' || c == '}' || c == '~';
}

bool isHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

} // namespace

bool parseRtpmap(std::string_view value, Rtpmap &out, std::string &error) {
    auto parts = text::words(value);
    if (parts.size() != 2) return fail(error, "a=rtpmap needs '<payload type> <encoding>/<clock rate>[/<channels>]'");
    auto pt = text::payloadType(parts[0]);
    if (!pt) return fail(error, fmt::format("a=rtpmap payload type '{}' is not 0-127", parts[0]));
    auto fields = text::split(parts[1], '/');
    if (fields.size() < 2 || fields.size() > 3 || fields[0].empty())
        return fail(error, fmt::format("a=rtpmap encoding '{}' is not <name>/<clock rate>[/<channels>]", parts[1]));
    auto clock = text::number<uint32_t>(fields[1]);
    if (!clock) return fail(error, fmt::format("a=rtpmap clock rate '{}' is not a number", fields[1]));
    out = Rtpmap{*pt, std::string(fields[0]), *clock, 0};
    if (fields.size() == 3) {
        auto channels = text::number<uint32_t>(fields[2], 255);
        if (!channels) return fail(error, fmt::format("a=rtpmap channel count '{}' is not 0-255", fields[2]));
        out.channels = *channels;
    }
    return true;
}

bool parseFmtp(std::string_view value, Fmtp &out, std::string &error) {
    auto [ptText, params] = text::cut(text::trim(value), ' ');
    auto pt = text::payloadType(ptText);
    if (!pt) return fail(error, fmt::format("a=fmtp payload type '{}' is not 0-127", ptText));
    out = Fmtp{*pt, std::string(text::trim(params))};
    return true;
}

bool parseRtcpFb(std::string_view value, RtcpFb &out, std::string &error) {
    auto [ptText, rest] = text::cut(text::trim(value), ' ');
    out = RtcpFb{};
    if (ptText != "*") {
        auto pt = text::payloadType(ptText);
        if (!pt) return fail(error, fmt::format("a=rtcp-fb payload type '{}' is neither * nor 0-127", ptText));
        out.payloadType = *pt;
    }
    auto [type, param] = text::cut(text::trim(rest), ' ');
    if (type.empty()) return fail(error, "a=rtcp-fb needs a feedback type");
    out.type = std::string(type);
    out.parameter = std::string(text::trim(param));
    return true;
}

bool parseExtmap(std::string_view value, Extmap &out, std::string &error) {
    auto [idText, rest] = text::cut(text::trim(value), ' ');
    auto [number, direction] = text::cut(idText, '/');
    auto id = text::number<unsigned>(number, 255);
    if (!id || *id == 0) return fail(error, fmt::format("a=extmap id '{}' is not 1-255", number));
    out = Extmap{};
    out.id = static_cast<int>(*id);
    if (idText.find('/') != std::string_view::npos) {
        out.direction = parseDirection(direction);
        if (!out.direction) return fail(error, fmt::format("a=extmap direction '{}' is not valid", direction));
    }
    auto [uri, attributes] = text::cut(text::trim(rest), ' ');
    if (uri.empty()) return fail(error, "a=extmap needs a URI");
    out.uri = std::string(uri);
    out.attributes = std::string(text::trim(attributes));
    return true;
}

bool parseSsrc(std::string_view value, SsrcAttribute &out, std::string &error) {
    auto [ssrcText, rest] = text::cut(text::trim(value), ' ');
    auto ssrc = text::number<uint32_t>(ssrcText);
    if (!ssrc) return fail(error, fmt::format("a=ssrc '{}' is not a 32-bit number", ssrcText));
    out = SsrcAttribute{};
    out.ssrc = *ssrc;
    rest = text::trim(rest);
    if (rest.empty()) return true;
    size_t colon = rest.find(':');
    out.attribute = std::string(rest.substr(0, colon));
    if (colon != std::string_view::npos) out.value = std::string(rest.substr(colon + 1));
    return true;
}

bool parseSsrcGroup(std::string_view value, SsrcGroup &out, std::string &error) {
    auto parts = text::words(value);
    if (parts.size() < 2) return fail(error, "a=ssrc-group needs '<semantics> <ssrc>...'");
    out = SsrcGroup{std::string(parts[0]), {}};
    for (size_t i = 1; i < parts.size(); ++i) {
        auto ssrc = text::number<uint32_t>(parts[i]);
        if (!ssrc) return fail(error, fmt::format("a=ssrc-group ssrc '{}' is not a 32-bit number", parts[i]));
        out.ssrcs.push_back(*ssrc);
    }
    return true;
}

bool parseMsid(std::string_view value, Msid &out, std::string &error) {
    auto parts = text::words(value);
    if (parts.empty() || parts.size() > 2) return fail(error, "a=msid needs '<stream id> [<track id>]'");
    out = Msid{std::string(parts[0]), parts.size() == 2 ? std::string(parts[1]) : std::string()};
    return true;
}

bool parseGroup(std::string_view value, Group &out, std::string &error) {
    auto parts = text::words(value);
    if (parts.empty()) return fail(error, "a=group needs '<semantics> <mid>...'");
    out = Group{std::string(parts[0]), {}};
    for (size_t i = 1; i < parts.size(); ++i) out.mids.emplace_back(parts[i]);
    return true;
}

bool parseFingerprint(std::string_view value, Fingerprint &out, std::string &error) {
    auto parts = text::words(value);
    if (parts.size() != 2) return fail(error, "a=fingerprint needs '<hash function> <hex:hex:...>'");
    for (char c : parts[0])
        if (!isTokenChar(c)) return fail(error, fmt::format("a=fingerprint hash function '{}' is not valid", parts[0]));
    auto pairs = text::split(parts[1], ':');
    if (pairs.size() > 64) return fail(error, "a=fingerprint value is longer than 64 bytes");
    for (auto pair : pairs)
        if (pair.size() != 2 || !isHex(pair[0]) || !isHex(pair[1]))
            return fail(error, fmt::format("a=fingerprint value '{}' is not hex pairs separated by ':'", parts[1]));
    out = Fingerprint{std::string(parts[0]), std::string(parts[1])};
    return true;
}

bool parseSctpmap(std::string_view value, Sctpmap &out, std::string &error) {
    auto parts = text::words(value);
    if (parts.size() < 2 || parts.size() > 3) return fail(error, "a=sctpmap needs '<port> <protocol> [<streams>]'");
    auto port = text::number<uint32_t>(parts[0], 65535);
    if (!port) return fail(error, fmt::format("a=sctpmap port '{}' is not 0-65535", parts[0]));
    out = Sctpmap{*port, std::string(parts[1]), 0};
    if (parts.size() == 3) {
        auto streams = text::number<uint32_t>(parts[2], 65535);
        if (!streams) return fail(error, fmt::format("a=sctpmap streams '{}' is not 0-65535", parts[2]));
        out.streams = *streams;
    }
    return true;
}

bool parseIceCredential(std::string_view name, std::string_view value, size_t minLength, std::string &out,
                        std::string &error) {
    if (value.size() < minLength || value.size() > 256)
        return fail(error, fmt::format("a={} must be {}-256 characters, not {}", name, minLength, value.size()));
    for (char c : value) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
        if (!ok) return fail(error, fmt::format("a={} has a character outside ALPHA / DIGIT / '+' / '/'", name));
    }
    out = std::string(value);
    return true;
}

bool parseMid(std::string_view value, std::string &out, std::string &error) {
    if (value.empty() || value.size() > 255) return fail(error, "a=mid must be 1-255 characters");
    for (char c : value)
        if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f)
            return fail(error, "a=mid has a space or control character");
    out = std::string(value);
    return true;
}

Outcome rtpAttribute(MediaSection &m, std::string_view name, std::string_view value, std::string &error) {
    if (name == "rtpmap") {
        Rtpmap map;
        if (!parseRtpmap(value, map, error)) return Outcome::Failed;
        if (m.rtpmap(map.payloadType))
            return failed(error, fmt::format("payload type {} has two a=rtpmap lines", map.payloadType));
        m.rtpmaps.push_back(std::move(map));
        return Outcome::Handled;
    }
    if (name == "fmtp") {
        Fmtp params;
        if (!parseFmtp(value, params, error)) return Outcome::Failed;
        if (m.fmtp(params.payloadType))
            return failed(error, fmt::format("payload type {} has two a=fmtp lines", params.payloadType));
        m.fmtps.push_back(std::move(params));
        return Outcome::Handled;
    }
    if (name == "rtcp-fb") {
        RtcpFb fb;
        if (!parseRtcpFb(value, fb, error)) return Outcome::Failed;
        m.rtcpFbs.push_back(std::move(fb));
        return Outcome::Handled;
    }
    if (name == "ssrc") {
        SsrcAttribute ssrc;
        if (!parseSsrc(value, ssrc, error)) return Outcome::Failed;
        m.ssrcs.push_back(std::move(ssrc));
        return Outcome::Handled;
    }
    if (name == "ssrc-group") {
        SsrcGroup group;
        if (!parseSsrcGroup(value, group, error)) return Outcome::Failed;
        m.ssrcGroups.push_back(std::move(group));
        return Outcome::Handled;
    }
    if (name == "rid") {
        Rid rid;
        if (!parseRid(value, rid, error)) return Outcome::Failed;
        for (const auto &other : m.rids)
            if (other.id == rid.id) return failed(error, fmt::format("rid '{}' is declared twice", rid.id));
        m.rids.push_back(std::move(rid));
        return Outcome::Handled;
    }
    if (name == "simulcast") {
        if (m.simulcast) return failed(error, "a=simulcast appears twice in the same m= section");
        Simulcast simulcast;
        if (!parseSimulcast(value, simulcast, error)) return Outcome::Failed;
        m.simulcast = std::move(simulcast);
        return Outcome::Handled;
    }
    return Outcome::Unknown;
}

Outcome sctpAttribute(MediaSection &m, std::string_view name, std::string_view value, std::string &error) {
    auto twice = [&] { return failed(error, fmt::format("a={} appears twice in the same m= section", name)); };
    value = text::trim(value);
    if (name == "sctp-port") {
        if (m.sctpPort) return twice();
        m.sctpPort = text::number<uint32_t>(value, 65535);
        if (!m.sctpPort) return failed(error, fmt::format("a=sctp-port '{}' is not 0-65535", value));
        return Outcome::Handled;
    }
    if (name == "max-message-size") {
        if (m.maxMessageSize) return twice();
        m.maxMessageSize = text::number(value);
        if (!m.maxMessageSize) return failed(error, fmt::format("a=max-message-size '{}' is not a number", value));
        return Outcome::Handled;
    }
    if (name == "sctpmap") {
        if (m.sctpmap) return twice();
        Sctpmap map;
        if (!parseSctpmap(value, map, error)) return Outcome::Failed;
        m.sctpmap = std::move(map);
        return Outcome::Handled;
    }
    return Outcome::Unknown;
}

} // namespace portunus::sdp::attr
