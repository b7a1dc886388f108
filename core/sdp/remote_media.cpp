#include "sdp/remote_media.hpp"

#include <algorithm>

#include "sdp/text.hpp"

namespace portunus::sdp {

namespace {

bool has(const std::vector<uint32_t> &list, uint32_t value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

// Streams from a=ssrc lines: FID/FEC-FR partners are not streams of their own;
// SIM orders the layers.
std::vector<RemoteStream> streamsOf(const MediaSection &m) {
    std::vector<uint32_t> secondary;
    std::vector<uint32_t> order;
    for (const auto &g : m.ssrcGroups) {
        if ((g.semantics == "FID" || g.semantics == "FEC-FR") && g.ssrcs.size() >= 2)
            secondary.insert(secondary.end(), g.ssrcs.begin() + 1, g.ssrcs.end());
        if (g.semantics == "SIM" && order.empty()) order = g.ssrcs;
    }
    for (uint32_t ssrc : m.ssrcList())
        if (!has(order, ssrc)) order.push_back(ssrc);
    std::vector<RemoteStream> streams;
    for (uint32_t ssrc : order) {
        if (has(secondary, ssrc)) continue;
        RemoteStream s{ssrc, std::nullopt, m.ssrcAttribute(ssrc, "cname").value_or("")};
        for (const auto &g : m.ssrcGroups)
            if (g.semantics == "FID" && g.ssrcs.size() >= 2 && g.ssrcs[0] == ssrc) s.rtxSsrc = g.ssrcs[1];
        streams.push_back(std::move(s));
    }
    return streams;
}

// The rids the remote sends: its a=simulcast send list (first alternative of each
// stream), or its send rids when it has no a=simulcast.
std::vector<std::string> sendRids(const MediaSection &m) {
    std::vector<std::string> rids;
    if (m.simulcast && !m.simulcast->send.empty()) {
        for (const auto &stream : m.simulcast->send)
            if (!stream.empty()) rids.push_back(stream.front().id);
        return rids;
    }
    for (const auto &rid : m.rids)
        if (rid.direction == RidDirection::Send) rids.push_back(rid.id);
    return rids;
}

const Fingerprint *preferredFingerprint(const std::vector<Fingerprint> &list) {
    for (const auto &fp : list)
        if (text::iequals(fp.hashFunction, "sha-256")) return &fp;
    return list.empty() ? nullptr : &list.front();
}

} // namespace

std::optional<RemoteTransport> bundledTransport(const SessionDescription &remote, std::string_view mid) {
    const MediaSection *tag = nullptr;
    if (!mid.empty()) {
        tag = remote.findMid(mid);
    } else if (const Group *bundle = remote.group("BUNDLE")) {
        for (const auto &m : bundle->mids) {
            const MediaSection *s = remote.findMid(m);
            if (s && !s->rejected()) {
                tag = s;
                break;
            }
        }
    } else {
        for (const auto &m : remote.media)
            if (!m.rejected()) {
                tag = &m;
                break;
            }
    }
    if (!tag) return std::nullopt;
    auto ufrag = remote.iceUfragOf(*tag);
    auto pwd = remote.icePwdOf(*tag);
    const Fingerprint *fp = preferredFingerprint(remote.fingerprintsOf(*tag));
    if (!ufrag || !pwd || !fp) return std::nullopt;
    RemoteTransport t;
    t.mid = tag->mid;
    t.iceUfrag = *ufrag;
    t.icePwd = *pwd;
    t.iceOptions = remote.iceOptionsOf(*tag);
    t.iceLite = remote.iceLite;
    t.fingerprint = *fp;
    t.setup = remote.setupOf(*tag);
    t.candidates = tag->candidates;
    t.endOfCandidates = tag->endOfCandidates;
    return t;
}

std::optional<RemoteMedia> remoteMedia(const SessionDescription &remote, const SessionDescription &answer) {
    if (remote.media.size() != answer.media.size()) return std::nullopt;
    // The answer's BUNDLE tag is the first mid of its group; without a group, its first accepted section.
    std::string tag;
    if (const Group *bundle = answer.group("BUNDLE"); bundle && !bundle->mids.empty()) tag = bundle->mids.front();
    for (size_t i = 0; tag.empty() && i < answer.media.size(); ++i)
        if (!answer.media[i].rejected()) tag = remote.media[i].mid;
    if (tag.empty()) return std::nullopt;
    auto transport = bundledTransport(remote, tag);
    if (!transport) return std::nullopt;

    RemoteMedia out{std::move(*transport), {}};
    for (size_t i = 0; i < remote.media.size(); ++i) {
        const MediaSection &r = remote.media[i];
        const MediaSection &a = answer.media[i];
        if (a.rejected() || r.rejected()) continue;
        RemoteSection s;
        s.index = i;
        s.mid = r.mid;
        s.kind = r.kind;
        s.direction = r.direction;
        s.rtcpMux = a.rtcpMux;
        s.rtcpRsize = a.rtcpRsize;
        if (a.isRtp()) {
            auto pts = a.payloadTypes();
            if (!pts.empty()) {
                s.payloadType = pts.front();
                s.rtxPayloadType = a.rtxFor(pts.front());
                if (const Rtpmap *map = a.rtpmap(pts.front())) {
                    s.codec = map->encoding;
                    s.clockRate = map->clockRate;
                    s.channels = map->channels;
                }
            }
            s.extensions = headerExtensionIds(a);
            s.streams = streamsOf(r);
            s.rids = sendRids(r);
            if (&remote != &answer) {
                std::erase_if(s.rids, [&](const std::string &id) {
                    return std::none_of(a.rids.begin(), a.rids.end(), [&](const Rid &rid) { return rid.id == id; });
                });
            }
        } else {
            // The remote's own SCTP port and the largest message it takes.
            s.sctpPort = r.sctpPort ? r.sctpPort : r.sctpmap ? std::optional<uint32_t>(r.sctpmap->port) : std::nullopt;
            s.maxMessageSize = r.maxMessageSize;
        }
        out.sections.push_back(std::move(s));
    }
    return out;
}

} // namespace portunus::sdp
