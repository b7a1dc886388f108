#include "sdp/answerer.hpp"

#include <algorithm>

#include "sdp/header_extensions.hpp"
#include "sdp/text.hpp"

namespace portunus::sdp {

namespace {

constexpr std::string_view kDataChannelFormat = "webrtc-datachannel";

bool contains(const std::vector<std::string> &list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

bool isSecureRtp(const MediaSection &m) { return m.isRtp() && m.protocol.find("SAVP") != std::string::npos; }

bool isDtlsSctp(const MediaSection &m) { return m.isSctp() && m.protocol.find("DTLS") != std::string::npos; }

// The port-0 section that stands for an offered one we refuse.
MediaSection rejectedSection(const MediaSection &offered) {
    MediaSection m;
    m.kind = offered.kind;
    m.otherMedia = offered.otherMedia;
    m.port = 0;
    m.protocol = offered.protocol;
    m.formats = offered.formats;
    m.connection = Connection{};
    m.mid = offered.mid;
    m.direction = offered.isRtp() ? Direction::Inactive : Direction::SendRecv;
    return m;
}

class Answerer {
public:
    Answerer(const SessionDescription &offer, const AnswerOptions &options) : offer_(offer), options_(options) {}

    SessionDescription run() {
        SessionDescription a;
        a.extmapAllowMixed = offer_.extmapAllowMixed;
        const Group *bundle = offer_.group("BUNDLE");
        for (const auto &offered : offer_.media) {
            std::optional<MediaSection> accepted = accept(offered, bundle);
            a.media.push_back(accepted ? std::move(*accepted) : rejectedSection(offered));
        }
        if (bundle) {
            Group group{"BUNDLE", {}};
            for (const auto &mid : bundle->mids) {
                const MediaSection *m = a.findMid(mid);
                if (m && !m->rejected() && !contains(group.mids, mid)) group.mids.push_back(mid);
            }
            if (!group.mids.empty()) a.groups.push_back(std::move(group));
        }
        return a;
    }

private:
    std::optional<MediaSection> accept(const MediaSection &offered, const Group *bundle) {
        if (offered.rejected() || offered.mid.empty()) return std::nullopt;
        if (bundle && !contains(bundle->mids, offered.mid)) return std::nullopt;
        auto it = options_.sections.find(offered.mid);
        const SectionOptions &wanted = it != options_.sections.end() ? it->second : options_.defaults;
        if (!wanted.accept) return std::nullopt;
        switch (offered.kind) {
        case MediaKind::Audio:
            return rtpSection(offered, options_.audioCodecs, wanted);
        case MediaKind::Video:
            return rtpSection(offered, options_.videoCodecs, wanted);
        case MediaKind::Application:
            return dataSection(offered);
        case MediaKind::Other:
            break;
        }
        return std::nullopt;
    }

    MediaSection base(const MediaSection &offered) {
        MediaSection m;
        m.kind = offered.kind;
        m.otherMedia = offered.otherMedia;
        m.port = 9;
        m.protocol = offered.protocol;
        m.connection = Connection{};
        m.mid = offered.mid;
        return m;
    }

    std::optional<MediaSection> rtpSection(const MediaSection &offered, const std::vector<CodecPreference> &codecs,
                                           const SectionOptions &wanted) {
        if (!isSecureRtp(offered)) return std::nullopt;
        auto choice = chooseCodec(offered, codecs);
        if (!choice) return std::nullopt;
        MediaSection m = base(offered);
        m.direction = intersect(reverse(offered.direction), wanted.direction);
        m.rtcpMux = offered.rtcpMux;
        m.rtcpRsize = offered.rtcpRsize;
        m.extmaps = extmaps(offered);
        addPayloadType(m, offered, choice->payloadType, true);
        if (choice->rtxPayloadType) addPayloadType(m, offered, *choice->rtxPayloadType, false);
        if (receives(m.direction)) simulcast(m, offered);
        return m;
    }

    void addPayloadType(MediaSection &m, const MediaSection &offered, int pt, bool withFeedback) {
        m.formats.push_back(std::to_string(pt));
        if (const Rtpmap *map = offered.rtpmap(pt)) m.rtpmaps.push_back(*map);
        if (const Fmtp *fmtp = offered.fmtp(pt)) m.fmtps.push_back(*fmtp);
        if (!withFeedback) return;
        for (const auto &fb : offered.rtcpFbs) {
            if (fb.payloadType != pt) continue; // "*" lines are answered per payload type
            bool supported = std::any_of(options_.feedback.begin(), options_.feedback.end(), [&](const RtcpFb &s) {
                return text::iequals(s.type, fb.type) && text::iequals(s.parameter, fb.parameter);
            });
            bool duplicate = std::find(m.rtcpFbs.begin(), m.rtcpFbs.end(), fb) != m.rtcpFbs.end();
            if (supported && !duplicate) m.rtcpFbs.push_back(fb);
        }
        for (const auto &fb : offered.rtcpFbs) {
            if (fb.payloadType != RtcpFb::kAllPayloadTypes) continue;
            RtcpFb own = fb;
            own.payloadType = pt;
            bool supported = std::any_of(options_.feedback.begin(), options_.feedback.end(), [&](const RtcpFb &s) {
                return text::iequals(s.type, fb.type) && text::iequals(s.parameter, fb.parameter);
            });
            if (supported && std::find(m.rtcpFbs.begin(), m.rtcpFbs.end(), own) == m.rtcpFbs.end())
                m.rtcpFbs.push_back(own);
        }
    }

    // The offered extmaps we implement (section-level first, then session-level ones
    // with ids the section does not use), with the offer's ids and reversed directions.
    std::vector<Extmap> extmaps(const MediaSection &offered) {
        std::vector<Extmap> all = offered.extmaps;
        for (const auto &e : offer_.extmaps)
            if (std::none_of(all.begin(), all.end(), [&](const Extmap &x) { return x.id == e.id; })) all.push_back(e);
        std::vector<Extmap> kept;
        for (const auto &e : all) {
            if (!contains(options_.headerExtensions, e.uri)) continue;
            if (std::any_of(kept.begin(), kept.end(), [&](const Extmap &x) { return x.uri == e.uri; })) continue;
            Extmap answer{e.id, std::nullopt, e.uri, {}};
            if (e.direction) answer.direction = reverse(*e.direction);
            kept.push_back(std::move(answer));
        }
        return kept;
    }

    // a=simulcast:send + rids in the offer -> a=simulcast:recv + the same rids as recv,
    // limited to rids whose payload types (if restricted) we kept.
    void simulcast(MediaSection &m, const MediaSection &offered) {
        if (!offered.simulcast || offered.simulcast->send.empty()) return;
        std::vector<int> kept = m.payloadTypes();
        for (const auto &rid : offered.rids) {
            if (rid.direction != RidDirection::Send) continue;
            Rid answer{rid.id, RidDirection::Recv, {}, rid.restrictions};
            for (int pt : rid.payloadTypes)
                if (std::find(kept.begin(), kept.end(), pt) != kept.end()) answer.payloadTypes.push_back(pt);
            if (!rid.payloadTypes.empty() && answer.payloadTypes.empty()) continue;
            m.rids.push_back(std::move(answer));
        }
        auto known = [&](const SimulcastRid &r) {
            return std::any_of(m.rids.begin(), m.rids.end(), [&](const Rid &rid) { return rid.id == r.id; });
        };
        Simulcast answer;
        for (const auto &stream : offered.simulcast->send) {
            SimulcastStream alternatives;
            for (const auto &r : stream)
                if (known(r)) alternatives.push_back(r);
            if (!alternatives.empty()) answer.recv.push_back(std::move(alternatives));
        }
        // Only the rids the answer's simulcast line uses.
        std::erase_if(m.rids, [&](const Rid &rid) {
            return std::none_of(answer.recv.begin(), answer.recv.end(), [&](const SimulcastStream &s) {
                return std::any_of(s.begin(), s.end(), [&](const SimulcastRid &r) { return r.id == rid.id; });
            });
        });
        if (!answer.recv.empty()) m.simulcast = std::move(answer);
    }

    std::optional<MediaSection> dataSection(const MediaSection &offered) {
        if (!options_.acceptDataChannels || !isDtlsSctp(offered)) return std::nullopt;
        MediaSection m = base(offered);
        if (contains(offered.formats, kDataChannelFormat)) {
            m.formats = {std::string(kDataChannelFormat)};
            m.sctpPort = options_.sctpPort;
        } else if (offered.sctpmap) {
            // Legacy "DTLS/SCTP 5000" + a=sctpmap: answer in kind.
            m.formats = {std::to_string(offered.sctpmap->port)};
            m.sctpmap = Sctpmap{offered.sctpmap->port, offered.sctpmap->protocol,
                                offered.sctpmap->streams ? offered.sctpmap->streams : 1024};
            return m;
        } else {
            return std::nullopt;
        }
        uint64_t size = options_.maxMessageSize;
        if (offered.maxMessageSize && *offered.maxMessageSize > 0) size = std::min(size, *offered.maxMessageSize);
        m.maxMessageSize = size;
        return m;
    }

    const SessionDescription &offer_;
    const AnswerOptions &options_;
};

} // namespace

AnswerOptions::AnswerOptions() : headerExtensions(supportedHeaderExtensions()), feedback(supportedFeedback()) {}

std::vector<RtcpFb> supportedFeedback() {
    return {{RtcpFb::kAllPayloadTypes, "nack", ""},
            {RtcpFb::kAllPayloadTypes, "nack", "pli"},
            {RtcpFb::kAllPayloadTypes, "ccm", "fir"},
            {RtcpFb::kAllPayloadTypes, "goog-remb", ""},
            {RtcpFb::kAllPayloadTypes, "transport-cc", ""}};
}

SessionDescription answer(const SessionDescription &offer, const AnswerOptions &options) {
    return Answerer(offer, options).run();
}

} // namespace portunus::sdp
