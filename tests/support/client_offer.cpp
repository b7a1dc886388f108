#include "support/client_offer.hpp"

#include "sdp/header_extensions.hpp"
#include "sdp/parser.hpp"
#include "sdp/transport.hpp"
#include "sdp/writer.hpp"

#include <random>

namespace portunus::test {

namespace {

constexpr const char *kStream = "portunus-test";

sdp::MediaSection baseSection(sdp::MediaKind kind, std::string mid) {
    sdp::MediaSection m;
    m.kind = kind;
    m.mid = std::move(mid);
    m.connection = sdp::Connection{};
    m.rtcp = "9 IN IP4 0.0.0.0";
    m.direction = sdp::Direction::SendRecv;
    m.rtcpMux = true;
    m.extmaps.push_back({ClientOffer::kMidExtensionId, std::nullopt, std::string(sdp::extension_uri::kMid), ""});
    return m;
}

void announce(sdp::MediaSection &m, const std::string &cname, uint32_t ssrc, uint32_t rtx_ssrc) {
    std::string track = "track-" + m.mid;
    m.msids = {{kStream, track}};
    if (rtx_ssrc) m.ssrcGroups.push_back({"FID", {ssrc, rtx_ssrc}});
    for (uint32_t s : {ssrc, rtx_ssrc}) {
        if (!s) continue;
        m.ssrcs.push_back({s, "cname", cname});
        m.ssrcs.push_back({s, "msid", std::string(kStream) + " " + track});
    }
}

} // namespace

ClientOffer::ClientOffer(const Params &params) : params_(params) {
    sdp::MediaSection audio = baseSection(sdp::MediaKind::Audio, "0");
    audio.formats = {std::to_string(kOpusPayloadType)};
    audio.rtpmaps = {{kOpusPayloadType, "opus", 48000, 2}};
    audio.fmtps = {{kOpusPayloadType, "minptime=10;useinbandfec=1"}};

    sdp::MediaSection video = baseSection(sdp::MediaKind::Video, "1");
    video.formats = {std::to_string(kVp8PayloadType)};
    video.rtpmaps = {{kVp8PayloadType, "VP8", 90000, 0}};
    video.rtcpFbs = {{kVp8PayloadType, "nack", ""}, {kVp8PayloadType, "nack", "pli"}, {kVp8PayloadType, "ccm", "fir"}};
    if (params.rtx) {
        video.formats.push_back(std::to_string(kRtxPayloadType));
        video.rtpmaps.push_back({kRtxPayloadType, "rtx", 90000, 0});
        video.fmtps.push_back({kRtxPayloadType, "apt=" + std::to_string(kVp8PayloadType)});
    }

    offer_.media = {std::move(audio), std::move(video)};
    offer_.groups = {{"BUNDLE", {"0", "1"}}};
    offer_.msidSemantic = std::string("WMS ") + kStream;

    sdp::TransportParams transport;
    transport.iceUfrag = params.ice_ufrag;
    transport.icePwd = params.ice_pwd;
    transport.trickle = true;
    transport.fingerprint = {"sha-256", params.fingerprint};
    transport.setup = sdp::Setup::ActPass;
    transport.sessionId = std::to_string(std::random_device{}() | 1u);
    transport.sessionVersion = 1;
    sdp::setTransport(offer_, transport);

    // The MediaMap draws SSRCs for the lines we send on; keep those, so that
    // the map the RtpSession gets after the answer has the SSRCs we announce.
    local_.build(offer_, offer_);
    const MediaLine &a = *local_.line(kAudioLine);
    const MediaLine &v = *local_.line(kVideoLine);
    announce(offer_.media[kAudioLine], params.cname, a.local_ssrc, 0);
    announce(offer_.media[kVideoLine], params.cname, v.local_ssrc, v.local_rtx_ssrc);
}

std::string ClientOffer::offerText() const { return sdp::write(offer_); }

uint32_t ClientOffer::audioSsrc() const { return local_.line(kAudioLine)->local_ssrc; }
uint32_t ClientOffer::videoSsrc() const { return local_.line(kVideoLine)->local_ssrc; }
uint32_t ClientOffer::videoRtxSsrc() const { return local_.line(kVideoLine)->local_rtx_ssrc; }

bool ClientOffer::applyAnswer(std::string_view text, std::string &error) {
    if (!sdp::parse(text, answer_, error)) return false;
    if (answer_.media.size() != offer_.media.size()) {
        error = "the answer has " + std::to_string(answer_.media.size()) + " m-lines, the offer " +
                std::to_string(offer_.media.size());
        return false;
    }
    const sdp::MediaSection *first = nullptr;
    for (const auto &m : answer_.media)
        if (!m.rejected()) {
            first = &m;
            break;
        }
    if (!first) {
        error = "the answer rejects every m-line";
        return false;
    }
    remote_ = {};
    remote_.ufrag = answer_.iceUfragOf(*first).value_or("");
    remote_.pwd = answer_.icePwdOf(*first).value_or("");
    for (const auto &f : answer_.fingerprintsOf(*first))
        if (f.hashFunction == "sha-256") remote_.fingerprint_hash = f.hashFunction, remote_.fingerprint = f.value;
    if (remote_.ufrag.empty() || remote_.pwd.empty() || remote_.fingerprint.empty()) {
        error = "the answer lacks ICE credentials or a sha-256 fingerprint";
        return false;
    }
    remote_.candidates = first->candidates; // BUNDLE: one transport
    remote_.end_of_candidates = first->endOfCandidates;
    remote_.dtls_client = answer_.setupOf(*first) != sdp::Setup::Active;

    map_.build(answer_, offer_);
    map_.keepLocalSsrcs(local_);
    return true;
}

rtp::ExtensionMap ClientOffer::extensions() const {
    rtp::ExtensionMap map;
    for (const auto &m : answer_.media)
        if (!m.rejected())
            for (const auto &e : m.extmaps)
                if (e.id > 0 && e.id < 256) map.add(e.uri, static_cast<uint8_t>(e.id));
    return map;
}

} // namespace portunus::test
