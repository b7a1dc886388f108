#include "sdp/media_section.hpp"

#include <algorithm>

#include "sdp/text.hpp"

namespace portunus::sdp {

std::string MediaSection::media() const { return kind == MediaKind::Other ? otherMedia : std::string(toString(kind)); }

bool MediaSection::isRtp() const { return protocol.find("RTP/") != std::string::npos; }

bool MediaSection::isSctp() const {
    return protocol.size() >= 4 && protocol.compare(protocol.size() - 4, 4, "SCTP") == 0;
}

const Rtpmap *MediaSection::rtpmap(int payloadType) const {
    for (const auto &r : rtpmaps)
        if (r.payloadType == payloadType) return &r;
    return nullptr;
}

const Fmtp *MediaSection::fmtp(int payloadType) const {
    for (const auto &f : fmtps)
        if (f.payloadType == payloadType) return &f;
    return nullptr;
}

std::vector<RtcpFb> MediaSection::rtcpFbFor(int payloadType) const {
    std::vector<RtcpFb> out;
    for (const auto &fb : rtcpFbs)
        if (fb.payloadType == payloadType || fb.payloadType == RtcpFb::kAllPayloadTypes) out.push_back(fb);
    return out;
}

const Extmap *MediaSection::extmap(std::string_view uri) const {
    for (const auto &e : extmaps)
        if (e.uri == uri) return &e;
    return nullptr;
}

std::optional<int> MediaSection::rtxFor(int payloadType) const {
    for (int pt : payloadTypes()) {
        const Rtpmap *map = rtpmap(pt);
        if (!map || !text::iequals(map->encoding, "rtx")) continue;
        const Fmtp *params = fmtp(pt);
        if (!params) continue;
        auto apt = params->parameter("apt");
        if (apt && text::payloadType(*apt) == payloadType) return pt;
    }
    return std::nullopt;
}

std::vector<int> MediaSection::payloadTypes() const {
    std::vector<int> out;
    for (const auto &f : formats)
        if (auto pt = text::payloadType(f)) out.push_back(*pt);
    return out;
}

std::optional<std::string> MediaSection::ssrcAttribute(uint32_t ssrc, std::string_view attribute) const {
    for (const auto &s : ssrcs)
        if (s.ssrc == ssrc && s.attribute == attribute) return s.value.value_or("");
    return std::nullopt;
}

std::vector<uint32_t> MediaSection::ssrcList() const {
    std::vector<uint32_t> out;
    for (const auto &s : ssrcs)
        if (std::find(out.begin(), out.end(), s.ssrc) == out.end()) out.push_back(s.ssrc);
    return out;
}

const Attribute *MediaSection::otherAttribute(std::string_view name) const {
    for (const auto &a : otherAttributes)
        if (a.name == name) return &a;
    return nullptr;
}

} // namespace portunus::sdp
