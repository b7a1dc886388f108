#include "sdp/parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "sdp/attribute_parser.hpp"
#include "sdp/text.hpp"
#include "sdp/writer.hpp"

namespace portunus::sdp {

namespace {

using Value = std::optional<std::string_view>; // nullopt: a flag attribute (no ':')

// The ICE/DTLS/extmap fields a session and a media section both have.
struct SharedFields {
    std::optional<std::string> &iceUfrag;
    std::optional<std::string> &icePwd;
    std::vector<std::string> &iceOptions;
    std::vector<Fingerprint> &fingerprints;
    std::optional<Setup> &setup;
    std::vector<Extmap> &extmaps;
};

using attr::Outcome;

class Parser {
public:
    Parser(SessionDescription &out, std::string &error) : out_(out), error_(error) {}

    bool line(int number, char type, std::string_view value) {
        line_ = number;
        if (number == firstLine_ && type != 'v') return fail("a description starts with v=0");
        if (type == 'm') return mLine(value);
        if (type == 'a') return attribute(value);
        return media_ ? mediaLine(type, value) : sessionLine(type, value);
    }

    bool finish() {
        sortIntoWriteOrder(out_);
        if (!sawVersion_) {
            error_ = "the description is empty (no v=0 line)";
            return false;
        }
        for (auto &[lineNumber, group] : groupLines_) {
            const Group &g = out_.groups[group];
            if (g.semantics != "BUNDLE") continue;
            for (const auto &mid : g.mids) {
                if (!out_.findMid(mid)) {
                    line_ = lineNumber;
                    return fail(fmt::format("a=group:BUNDLE names mid '{}' that no m= section has", mid));
                }
            }
        }
        return true;
    }

    void setFirstLine(int number) { firstLine_ = number; }

private:
    bool fail(std::string message) {
        error_ = fmt::format("line {}: {}", line_, message);
        return false;
    }
    Outcome failWith(std::string message) {
        fail(std::move(message));
        return Outcome::Failed;
    }

    bool sessionLine(char type, std::string_view value) {
        switch (type) {
        case 'v':
            if (sawVersion_) return fail("duplicate v= line");
            if (value != "0") return fail(fmt::format("unsupported SDP version '{}' (only v=0)", value));
            sawVersion_ = true;
            return true;
        case 'o':
            return origin(value);
        case 's':
            if (sawName_) return fail("duplicate s= line");
            sawName_ = true;
            out_.sessionName = std::string(value);
            return true;
        case 't': {
            if (sawTiming_) break; // further t= lines are kept as they are
            auto parts = text::words(value);
            auto start = parts.size() == 2 ? text::number(parts[0]) : std::nullopt;
            auto stop = parts.size() == 2 ? text::number(parts[1]) : std::nullopt;
            if (!start || !stop) return fail("t= needs '<start time> <stop time>' as numbers");
            out_.startTime = *start;
            out_.stopTime = *stop;
            sawTiming_ = true;
            return true;
        }
        case 'c':
            if (out_.connection) break;
            return connection(value, out_.connection);
        case 'b':
            return bandwidth(value, out_.bandwidths);
        default:
            break;
        }
        out_.otherLines.push_back({type, std::string(value)});
        return true;
    }

    bool mediaLine(char type, std::string_view value) {
        switch (type) {
        case 'v':
        case 'o':
        case 's':
        case 't':
            return fail(fmt::format("{}= is a session-level line but comes after the first m= line", type));
        case 'c':
            if (media_->connection) break;
            return connection(value, media_->connection);
        case 'b':
            return bandwidth(value, media_->bandwidths);
        default:
            break;
        }
        media_->otherLines.push_back({type, std::string(value)});
        return true;
    }

    bool origin(std::string_view value) {
        if (sawOrigin_) return fail("duplicate o= line");
        auto parts = text::words(value);
        if (parts.size() != 6)
            return fail("o= needs '<username> <session id> <session version> <net type> <addr type> <address>'");
        auto version = text::number(parts[2]);
        if (!version) return fail(fmt::format("o= session version '{}' is not a number", parts[2]));
        out_.origin = Origin{std::string(parts[0]), std::string(parts[1]), *version,
                             std::string(parts[3]), std::string(parts[4]), std::string(parts[5])};
        sawOrigin_ = true;
        return true;
    }

    bool connection(std::string_view value, std::optional<Connection> &out) {
        auto parts = text::words(value);
        if (parts.size() != 3) return fail("c= needs '<net type> <addr type> <address>'");
        out = Connection{std::string(parts[0]), std::string(parts[1]), std::string(parts[2])};
        return true;
    }

    bool bandwidth(std::string_view value, std::vector<Bandwidth> &out) {
        auto [type, number] = text::cut(value, ':');
        auto n = text::number(text::trim(number));
        if (type.empty() || !n) return fail(fmt::format("b= needs '<type>:<number>', not '{}'", value));
        out.push_back({std::string(type), *n});
        return true;
    }

    bool mLine(std::string_view value) {
        if (out_.media.size() >= ParseLimits::kMaxMediaSections)
            return fail(fmt::format("more than {} m= sections", ParseLimits::kMaxMediaSections));
        auto parts = text::words(value);
        if (parts.size() < 4) return fail("m= needs '<media> <port> <protocol> <format>...'");
        MediaSection m;
        m.kind = parseMediaKind(parts[0]);
        if (m.kind == MediaKind::Other) m.otherMedia = std::string(parts[0]);
        auto [portText, countText] = text::cut(parts[1], '/');
        auto port = text::number<uint32_t>(portText, 65535);
        if (!port) return fail(fmt::format("m= port '{}' is not 0-65535", parts[1]));
        m.port = *port;
        if (parts[1].find('/') != std::string_view::npos) {
            auto count = text::number<uint32_t>(countText, 65535);
            if (!count) return fail(fmt::format("m= port count '{}' is not 0-65535", countText));
            m.portCount = *count;
        }
        m.protocol = std::string(parts[2]);
        // RTP formats are unique payload types ("96" and "096" are one); others unique strings.
        std::set<std::string> seenFormats;
        for (size_t i = 3; i < parts.size(); ++i) {
            std::string format(parts[i]);
            std::optional<int> pt = text::payloadType(format);
            if (m.isRtp() && !pt) return fail(fmt::format("m= format '{}' is not an RTP payload type (0-127)", format));
            if (!seenFormats.insert(m.isRtp() ? std::to_string(*pt) : format).second)
                return fail(fmt::format("m= format '{}' is listed twice", format));
            m.formats.push_back(std::move(format));
        }
        m.direction = out_.direction.value_or(Direction::SendRecv);
        out_.media.push_back(std::move(m));
        media_ = &out_.media.back();
        attributes_ = 0;
        seen_.clear();
        return true;
    }

    // Single-valued attributes may appear once per section (or once at session level).
    bool once(std::string_view name) {
        std::string key(
            name == "sendrecv" || name == "sendonly" || name == "recvonly" || name == "inactive" ? "direction" : name);
        if (std::find(seen_.begin(), seen_.end(), key) != seen_.end())
            return fail(
                fmt::format("a={} appears twice in the same {}", name, media_ ? "m= section" : "session level"));
        seen_.push_back(std::move(key));
        return true;
    }

    bool attribute(std::string_view text) {
        if (++attributes_ > ParseLimits::kMaxAttributesPerSection)
            return fail(fmt::format("more than {} attributes in one section", ParseLimits::kMaxAttributesPerSection));
        size_t colon = text.find(':');
        std::string_view name = text.substr(0, colon);
        Value value;
        if (colon != std::string_view::npos) value = text.substr(colon + 1);
        Outcome outcome = media_ ? mediaAttribute(name, value) : sessionAttribute(name, value);
        if (outcome == Outcome::Failed) return false;
        if (outcome == Outcome::Unknown) {
            auto &list = media_ ? media_->otherAttributes : out_.otherAttributes;
            list.push_back({std::string(name), value ? std::optional<std::string>(*value) : std::nullopt});
        }
        return true;
    }

    Outcome needValue(std::string_view name) { return failWith(fmt::format("a={} needs a value", name)); }

    Outcome sharedAttribute(std::string_view name, Value value, SharedFields f) {
        std::string error;
        if (name == "sendrecv" || name == "sendonly" || name == "recvonly" || name == "inactive") {
            if (value) return Outcome::Unknown;
            if (!once(name)) return Outcome::Failed;
            auto d = *parseDirection(name);
            if (media_)
                media_->direction = d;
            else
                out_.direction = d;
            return Outcome::Handled;
        }
        bool known = name == "ice-ufrag" || name == "ice-pwd" || name == "ice-options" || name == "fingerprint" ||
                     name == "setup" || name == "extmap";
        if (!known) return Outcome::Unknown;
        if (!value) return needValue(name);
        std::string_view v = *value;
        if (name == "ice-ufrag" || name == "ice-pwd") {
            if (!once(name)) return Outcome::Failed;
            std::string credential;
            if (!attr::parseIceCredential(name, v, name == "ice-ufrag" ? 4 : 22, credential, error))
                return failWith(error);
            (name == "ice-ufrag" ? f.iceUfrag : f.icePwd) = std::move(credential);
            return Outcome::Handled;
        }
        if (name == "ice-options") {
            for (auto option : text::words(v)) f.iceOptions.emplace_back(option);
            return Outcome::Handled;
        }
        if (name == "fingerprint") {
            Fingerprint fp;
            if (!attr::parseFingerprint(v, fp, error)) return failWith(error);
            f.fingerprints.push_back(std::move(fp));
            return Outcome::Handled;
        }
        if (name == "setup") {
            if (!once(name)) return Outcome::Failed;
            f.setup = parseSetup(text::trim(v));
            if (!f.setup) return failWith(fmt::format("a=setup '{}' is not actpass, active, passive or holdconn", v));
            return Outcome::Handled;
        }
        Extmap e; // extmap
        if (!attr::parseExtmap(v, e, error)) return failWith(error);
        for (const auto &other : f.extmaps)
            if (other.id == e.id) return failWith(fmt::format("a=extmap id {} is used twice", e.id));
        f.extmaps.push_back(std::move(e));
        return Outcome::Handled;
    }

    Outcome sessionAttribute(std::string_view name, Value value) {
        auto shared = sharedAttribute(
            name, value, {out_.iceUfrag, out_.icePwd, out_.iceOptions, out_.fingerprints, out_.setup, out_.extmaps});
        if (shared != Outcome::Unknown) return shared;
        std::string error;
        if ((name == "ice-lite" || name == "extmap-allow-mixed") && !value) {
            (name == "ice-lite" ? out_.iceLite : out_.extmapAllowMixed) = true;
            return Outcome::Handled;
        }
        if (name == "group" && value) {
            Group g;
            if (!attr::parseGroup(*value, g, error)) return failWith(error);
            out_.groups.push_back(std::move(g));
            groupLines_.emplace_back(line_, out_.groups.size() - 1);
            return Outcome::Handled;
        }
        if (name == "msid-semantic" && value) {
            if (!once(name)) return Outcome::Failed;
            out_.msidSemantic = std::string(text::trim(*value));
            return Outcome::Handled;
        }
        return Outcome::Unknown;
    }

    Outcome mediaAttribute(std::string_view name, Value value) {
        MediaSection &m = *media_;
        auto shared =
            sharedAttribute(name, value, {m.iceUfrag, m.icePwd, m.iceOptions, m.fingerprints, m.setup, m.extmaps});
        if (shared != Outcome::Unknown) return shared;
        if (!value) {
            bool *flag = name == "rtcp-mux"            ? &m.rtcpMux
                         : name == "rtcp-rsize"        ? &m.rtcpRsize
                         : name == "end-of-candidates" ? &m.endOfCandidates
                         : name == "bundle-only"       ? &m.bundleOnly
                                                       : nullptr;
            if (flag) *flag = true;
            if (flag) return Outcome::Handled;
            if (name == "mid" || name == "candidate" || name == "rid" || name == "simulcast" || name == "msid")
                return needValue(name);
            return Outcome::Unknown;
        }
        std::string_view v = *value;
        std::string error;
        if (name == "mid") {
            if (!once(name)) return Outcome::Failed;
            if (!attr::parseMid(text::trim(v), m.mid, error)) return failWith(error);
            for (const auto &other : out_.media)
                if (&other != &m && other.mid == m.mid) return failWith(fmt::format("mid '{}' is used twice", m.mid));
            return Outcome::Handled;
        }
        if (name == "candidate") {
            if (text::trim(v).empty()) return needValue(name);
            m.candidates.push_back("candidate:" + std::string(v));
            return Outcome::Handled;
        }
        if (name == "rtcp") {
            if (!once(name)) return Outcome::Failed;
            m.rtcp = std::string(v);
            return Outcome::Handled;
        }
        if (name == "msid") {
            Msid msid;
            if (!attr::parseMsid(v, msid, error)) return failWith(error);
            m.msids.push_back(std::move(msid));
            return Outcome::Handled;
        }
        auto outcome = m.isRtp() ? attr::rtpAttribute(m, name, v, error) : attr::sctpAttribute(m, name, v, error);
        if (outcome == Outcome::Failed) return failWith(error);
        return outcome;
    }

    SessionDescription &out_;
    std::string &error_;
    int line_ = 0;
    int firstLine_ = 1;
    bool sawVersion_ = false, sawOrigin_ = false, sawName_ = false, sawTiming_ = false;
    MediaSection *media_ = nullptr; // the section being read; null at session level
    size_t attributes_ = 0;
    std::vector<std::string> seen_;                  // single-valued attributes seen in the current section
    std::vector<std::pair<int, size_t>> groupLines_; // line number, index in out_.groups
};

} // namespace

bool parse(std::string_view text, SessionDescription &out, std::string &error) {
    out = SessionDescription{};
    error.clear();
    if (text.size() > ParseLimits::kMaxBytes) {
        error =
            fmt::format("the description is {} bytes, more than the {} allowed", text.size(), ParseLimits::kMaxBytes);
        return false;
    }
    Parser parser(out, error);
    int number = 0;
    bool first = true;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        ++number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.size() > ParseLimits::kMaxLineLength) {
            error = fmt::format("line {}: longer than {} characters", number, ParseLimits::kMaxLineLength);
            return false;
        }
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
        if (line.empty()) continue;
        if (line.size() < 2 || line[1] != '=' || line[0] < 'a' || line[0] > 'z') {
            error = fmt::format("line {}: expected '<type>=<value>' with a lower-case letter as type", number);
            return false;
        }
        if (first) parser.setFirstLine(number);
        first = false;
        if (!parser.line(number, line[0], line.substr(2))) return false;
    }
    return parser.finish();
}

} // namespace portunus::sdp
