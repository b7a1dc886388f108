#include "sdp/writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "sdp/simulcast.hpp"

namespace portunus::sdp {

namespace {

// Whether an unknown line (i=, k=, ...) goes before c= (session: i= u= e= p=; media: i=) or after b=/t=.
bool writtenBeforeConnection(const OtherLine &line, bool sessionLevel) {
    if (line.type == 'i') return true;
    return sessionLevel && (line.type == 'u' || line.type == 'e' || line.type == 'p');
}

class Writer {
public:
    std::string take() { return std::move(out_); }

    template <typename... Args> void line(fmt::format_string<Args...> format, Args &&...args) {
        fmt::format_to(std::back_inserter(out_), format, std::forward<Args>(args)...);
        out_ += "\r\n";
    }

    void session(const SessionDescription &d) {
        line("v={}", d.version);
        const Origin &o = d.origin;
        line("o={} {} {} {} {} {}", o.username, o.sessionId, o.sessionVersion, o.netType, o.addrType, o.address);
        line("s={}", d.sessionName);
        otherLines(d.otherLines, true, true);
        if (d.connection) connection(*d.connection);
        for (const auto &b : d.bandwidths) line("b={}:{}", b.type, b.value);
        line("t={} {}", d.startTime, d.stopTime);
        otherLines(d.otherLines, true, false);
        for (const auto &g : d.groups) group(g);
        if (d.extmapAllowMixed) line("a=extmap-allow-mixed");
        if (d.msidSemantic) line("a=msid-semantic: {}", *d.msidSemantic);
        if (d.iceLite) line("a=ice-lite");
        ice(d.iceUfrag, d.icePwd, d.iceOptions, d.fingerprints, d.setup);
        if (d.direction) line("a={}", toString(*d.direction));
        for (const auto &e : d.extmaps) extmap(e);
        attributes(d.otherAttributes);
    }

    void media(const MediaSection &m, const SessionDescription &d) {
        std::string formats;
        for (const auto &f : m.formats) formats += ' ' + f;
        if (m.portCount)
            line("m={} {}/{} {}{}", m.media(), m.port, *m.portCount, m.protocol, formats);
        else
            line("m={} {} {}{}", m.media(), m.port, m.protocol, formats);
        otherLines(m.otherLines, false, true);
        if (m.connection) connection(*m.connection);
        for (const auto &b : m.bandwidths) line("b={}:{}", b.type, b.value);
        otherLines(m.otherLines, false, false);
        if (m.rtcp) line("a=rtcp:{}", *m.rtcp);
        for (const auto &c : m.candidates) line("a={}", c);
        if (m.endOfCandidates) line("a=end-of-candidates");
        ice(m.iceUfrag, m.icePwd, m.iceOptions, m.fingerprints, m.setup);
        if (!m.mid.empty()) line("a=mid:{}", m.mid);
        if (m.bundleOnly) line("a=bundle-only");
        for (const auto &e : m.extmaps) extmap(e);
        // Data channel sections carry no direction unless it differs from what they would inherit.
        if (m.isRtp() || m.direction != d.direction.value_or(Direction::SendRecv)) line("a={}", toString(m.direction));
        for (const auto &msid : m.msids) {
            if (msid.track.empty())
                line("a=msid:{}", msid.stream);
            else
                line("a=msid:{} {}", msid.stream, msid.track);
        }
        if (m.rtcpMux) line("a=rtcp-mux");
        if (m.rtcpRsize) line("a=rtcp-rsize");
        attributes(m.otherAttributes);
        payloadTypes(m);
        for (const auto &rid : m.rids) line("a=rid:{}", formatRid(rid));
        if (m.simulcast && (!m.simulcast->send.empty() || !m.simulcast->recv.empty()))
            line("a=simulcast:{}", formatSimulcast(*m.simulcast));
        for (const auto &g : m.ssrcGroups) {
            std::string ssrcs;
            for (uint32_t s : g.ssrcs) ssrcs += ' ' + std::to_string(s);
            line("a=ssrc-group:{}{}", g.semantics, ssrcs);
        }
        for (const auto &s : m.ssrcs) {
            if (s.attribute.empty() && !s.value)
                line("a=ssrc:{}", s.ssrc);
            else if (!s.value)
                line("a=ssrc:{} {}", s.ssrc, s.attribute);
            else
                line("a=ssrc:{} {}:{}", s.ssrc, s.attribute, *s.value);
        }
        if (m.sctpPort) line("a=sctp-port:{}", *m.sctpPort);
        if (m.maxMessageSize) line("a=max-message-size:{}", *m.maxMessageSize);
        if (m.sctpmap) {
            if (m.sctpmap->streams)
                line("a=sctpmap:{} {} {}", m.sctpmap->port, m.sctpmap->protocol, m.sctpmap->streams);
            else
                line("a=sctpmap:{} {}", m.sctpmap->port, m.sctpmap->protocol);
        }
    }

private:
    void otherLines(const std::vector<OtherLine> &lines, bool sessionLevel, bool beforeConnection) {
        for (const auto &l : lines)
            if (writtenBeforeConnection(l, sessionLevel) == beforeConnection) line("{}={}", l.type, l.value);
    }

    void connection(const Connection &c) { line("c={} {} {}", c.netType, c.addrType, c.address); }

    void group(const Group &g) {
        std::string mids;
        for (const auto &mid : g.mids) mids += ' ' + mid;
        line("a=group:{}{}", g.semantics, mids);
    }

    void ice(const std::optional<std::string> &ufrag, const std::optional<std::string> &pwd,
             const std::vector<std::string> &options, const std::vector<Fingerprint> &fingerprints,
             const std::optional<Setup> &setup) {
        if (ufrag) line("a=ice-ufrag:{}", *ufrag);
        if (pwd) line("a=ice-pwd:{}", *pwd);
        if (!options.empty()) line("a=ice-options:{}", fmt::join(options, " "));
        for (const auto &fp : fingerprints) line("a=fingerprint:{} {}", fp.hashFunction, fp.value);
        if (setup) line("a=setup:{}", toString(*setup));
    }

    void extmap(const Extmap &e) {
        std::string id = std::to_string(e.id);
        if (e.direction) id += '/' + std::string(toString(*e.direction));
        if (e.attributes.empty())
            line("a=extmap:{} {}", id, e.uri);
        else
            line("a=extmap:{} {} {}", id, e.uri, e.attributes);
    }

    void attributes(const std::vector<Attribute> &list) {
        for (const auto &a : list) {
            if (a.value)
                line("a={}:{}", a.name, *a.value);
            else
                line("a={}", a.name);
        }
    }

    void rtpmap(const Rtpmap &r) {
        if (r.channels)
            line("a=rtpmap:{} {}/{}/{}", r.payloadType, r.encoding, r.clockRate, r.channels);
        else
            line("a=rtpmap:{} {}/{}", r.payloadType, r.encoding, r.clockRate);
    }

    void rtcpFb(const RtcpFb &fb) {
        std::string pt = fb.payloadType == RtcpFb::kAllPayloadTypes ? "*" : std::to_string(fb.payloadType);
        if (fb.parameter.empty())
            line("a=rtcp-fb:{} {}", pt, fb.type);
        else
            line("a=rtcp-fb:{} {} {}", pt, fb.type, fb.parameter);
    }

    void fmtp(const Fmtp &f) {
        if (f.parameters.empty())
            line("a=fmtp:{}", f.payloadType);
        else
            line("a=fmtp:{} {}", f.payloadType, f.parameters);
    }

    // rtcp-fb:* first, then per payload type of the m= line: rtpmap, rtcp-fb, fmtp (Chromium's order);
    // lines for payload types the m= line does not list come last.
    void payloadTypes(const MediaSection &m) {
        for (const auto &fb : m.rtcpFbs)
            if (fb.payloadType == RtcpFb::kAllPayloadTypes) rtcpFb(fb);
        std::vector<int> listed = m.payloadTypes();
        for (int pt : listed) {
            for (const auto &r : m.rtpmaps)
                if (r.payloadType == pt) rtpmap(r);
            for (const auto &fb : m.rtcpFbs)
                if (fb.payloadType == pt) rtcpFb(fb);
            for (const auto &f : m.fmtps)
                if (f.payloadType == pt) fmtp(f);
        }
        auto unlisted = [&](int pt) { return std::find(listed.begin(), listed.end(), pt) == listed.end(); };
        for (const auto &r : m.rtpmaps)
            if (unlisted(r.payloadType)) rtpmap(r);
        for (const auto &fb : m.rtcpFbs)
            if (fb.payloadType != RtcpFb::kAllPayloadTypes && unlisted(fb.payloadType)) rtcpFb(fb);
        for (const auto &f : m.fmtps)
            if (unlisted(f.payloadType)) fmtp(f);
    }

    std::string out_;
};

} // namespace

void sortIntoWriteOrder(SessionDescription &d) {
    auto partitionLines = [](std::vector<OtherLine> &lines, bool sessionLevel) {
        std::stable_partition(lines.begin(), lines.end(),
                              [&](const OtherLine &l) { return writtenBeforeConnection(l, sessionLevel); });
    };
    partitionLines(d.otherLines, true);
    for (auto &m : d.media) {
        partitionLines(m.otherLines, false);
        std::vector<int> listed = m.payloadTypes();
        auto rank = [&](int pt) {
            if (pt == RtcpFb::kAllPayloadTypes) return -1;
            auto it = std::find(listed.begin(), listed.end(), pt);
            return static_cast<int>(it - listed.begin()); // listed.size() when not listed
        };
        auto byRank = [&](const auto &a, const auto &b) { return rank(a.payloadType) < rank(b.payloadType); };
        std::stable_sort(m.rtpmaps.begin(), m.rtpmaps.end(), byRank);
        std::stable_sort(m.fmtps.begin(), m.fmtps.end(), byRank);
        std::stable_sort(m.rtcpFbs.begin(), m.rtcpFbs.end(), byRank);
    }
}

std::string write(const SessionDescription &description) {
    Writer writer;
    writer.session(description);
    for (const auto &m : description.media) writer.media(m, description);
    return writer.take();
}

} // namespace portunus::sdp
