#include "sdp/offerer.hpp"

#include "sdp/header_extensions.hpp"
#include "sdp/text.hpp"

#include <map>
#include <stdexcept>

namespace portunus::sdp {

namespace {

struct KnownCodec {
    std::string_view name;
    MediaKind kind;
    uint32_t clockRate;
    uint32_t channels;
};

constexpr KnownCodec kCodecs[] = {
    {"opus", MediaKind::Audio, 48000, 2}, {"PCMU", MediaKind::Audio, 8000, 0}, {"PCMA", MediaKind::Audio, 8000, 0},
    {"G722", MediaKind::Audio, 8000, 0},  {"VP8", MediaKind::Video, 90000, 0}, {"VP9", MediaKind::Video, 90000, 0},
    {"H264", MediaKind::Video, 90000, 0}, {"H265", MediaKind::Video, 90000, 0}, {"AV1", MediaKind::Video, 90000, 0},
};

const KnownCodec *known(std::string_view name) {
    for (const auto &c : kCodecs)
        if (text::iequals(c.name, name)) return &c;
    return nullptr;
}

class Offerer {
public:
    explicit Offerer(const OfferOptions &options) : options_(options) {}

    SessionDescription run() {
        SessionDescription d;
        d.msidSemantic = "WMS *";
        Group bundle{"BUNDLE", {}};
        for (const auto &s : options_.streams) {
            if (s.mid.empty()) throw std::invalid_argument("every stream needs a mid");
            for (const auto &m : d.media)
                if (m.mid == s.mid) throw std::invalid_argument("duplicate mid " + s.mid);
            d.media.push_back(section(s));
            if (s.active) bundle.mids.push_back(s.mid);
        }
        if (!bundle.mids.empty()) d.groups.push_back(std::move(bundle));
        return d;
    }

private:
    MediaSection section(const OfferStream &s) {
        MediaSection m;
        m.kind = s.kind;
        m.mid = s.mid;
        m.connection = Connection{};
        if (s.kind == MediaKind::Application) {
            m.protocol = "UDP/DTLS/SCTP";
            m.formats = {"webrtc-datachannel"};
            m.sctpPort = options_.sctpPort;
            m.maxMessageSize = options_.maxMessageSize;
        } else if (s.kind == MediaKind::Audio || s.kind == MediaKind::Video) {
            rtp(m, s);
        } else {
            throw std::invalid_argument("stream " + s.mid + ": kind must be audio, video or data");
        }
        if (!s.active) {
            m.port = 0;
            m.direction = Direction::Inactive;
            m.sctpPort.reset();
            m.maxMessageSize.reset();
        }
        return m;
    }

    void rtp(MediaSection &m, const OfferStream &s) {
        const KnownCodec *codec = known(s.codec);
        if (!codec || codec->kind != s.kind)
            throw std::invalid_argument("stream " + s.mid + ": codec '" + s.codec + "' is not a known " +
                                        (s.kind == MediaKind::Audio ? "audio" : "video") + " codec");
        claim(s.payloadType, codec->name, s.mid);
        m.protocol = "UDP/TLS/RTP/SAVPF";
        m.direction = s.direction;
        m.rtcpMux = true;
        m.rtcpRsize = true;
        m.formats = {std::to_string(s.payloadType)};
        m.rtpmaps.push_back({s.payloadType, std::string(codec->name), codec->clockRate, codec->channels});
        if (!s.fmtp.empty()) m.fmtps.push_back({s.payloadType, s.fmtp});
        m.extmaps.push_back({kOfferMidExtensionId, std::nullopt, std::string(extension_uri::kMid), {}});
        if (s.kind == MediaKind::Audio) {
            m.extmaps.push_back(
                {kOfferAudioLevelExtensionId, std::nullopt, std::string(extension_uri::kAudioLevel), {}});
        } else {
            for (const char *fb : {"", "pli"}) m.rtcpFbs.push_back({s.payloadType, "nack", fb});
            m.rtcpFbs.push_back({s.payloadType, "ccm", "fir"});
            m.rtcpFbs.push_back({s.payloadType, "goog-remb", ""});
            if (s.rtxPayloadType) {
                claim(*s.rtxPayloadType, "rtx/" + std::to_string(s.payloadType), s.mid);
                m.formats.push_back(std::to_string(*s.rtxPayloadType));
                m.rtpmaps.push_back({*s.rtxPayloadType, "rtx", 90000, 0});
                m.fmtps.push_back({*s.rtxPayloadType, "apt=" + std::to_string(s.payloadType)});
            }
        }
        if (!s.msidStream.empty()) m.msids.push_back({s.msidStream, s.msidTrack});
    }

    // BUNDLE (RFC 8843 §9.1): a payload type means one codec across sections.
    void claim(int payloadType, std::string_view what, const std::string &mid) {
        if (payloadType < 0 || payloadType > 127)
            throw std::invalid_argument("stream " + mid + ": payload type must be 0..127");
        std::string key = text::lower(what);
        auto [it, inserted] = payload_types_.emplace(payloadType, key);
        if (!inserted && it->second != key)
            throw std::invalid_argument("stream " + mid + ": payload type " + std::to_string(payloadType) +
                                        " is already " + it->second);
    }

    const OfferOptions &options_;
    std::map<int, std::string> payload_types_;
};

} // namespace

SessionDescription offer(const OfferOptions &options) { return Offerer(options).run(); }

} // namespace portunus::sdp
