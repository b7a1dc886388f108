#include "answer_streams.hpp"

#include <algorithm>
#include <cctype>

namespace portunus::sfu {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

// "m=video 9 UDP/TLS/RTP/SAVPF 96 97" -> kind, port, first payload type.
void readMline(std::string_view line, AnswerStream &s, std::string &first_pt) {
    line.remove_prefix(2);
    std::vector<std::string_view> words;
    while (!line.empty()) {
        size_t sp = line.find(' ');
        if (sp != 0) words.push_back(line.substr(0, sp));
        if (sp == std::string_view::npos) break;
        line.remove_prefix(sp + 1);
    }
    if (words.empty()) return;
    s.kind = kindFromName(words[0]).value_or(MediaKind::data);
    if (words.size() > 1 && words[1] == "0") s.disabled = true;
    if (words.size() > 3) first_pt = std::string(words[3]);
}

} // namespace

std::vector<AnswerStream> answerStreams(std::string_view sdp, Writer writer) {
    // The direction under which nothing flows towards us.
    const std::string_view away = writer == Writer::us ? "a=sendonly" : "a=recvonly";
    std::vector<AnswerStream> out;
    std::string first_pt;
    while (!sdp.empty()) {
        size_t end = sdp.find('\n');
        std::string_view line = sdp.substr(0, end);
        sdp.remove_prefix(end == std::string_view::npos ? sdp.size() : end + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.starts_with("m=")) {
            out.push_back({});
            out.back().mindex = static_cast<uint32_t>(out.size() - 1);
            first_pt.clear();
            readMline(line, out.back(), first_pt);
            continue;
        }
        if (out.empty()) continue;
        AnswerStream &s = out.back();
        if (line.starts_with("a=mid:")) {
            s.mid = std::string(line.substr(6));
        } else if (line.starts_with("a=rtpmap:") && s.codec.empty()) {
            std::string_view rest = line.substr(9);
            size_t sp = rest.find(' ');
            if (sp == std::string_view::npos || rest.substr(0, sp) != first_pt) continue;
            std::string_view encoding = rest.substr(sp + 1);
            s.codec = lower(encoding.substr(0, encoding.find('/')));
        } else if (line.starts_with("a=simulcast:") || line.starts_with("a=rid:")) {
            s.simulcast = true;
        } else if (line == "a=inactive" || line == away) {
            s.disabled = true;
        }
    }
    return out;
}

} // namespace portunus::sfu
