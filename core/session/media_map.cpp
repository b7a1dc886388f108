#include "session/media_map.hpp"

#include "sdp/session_description.hpp"

#include <openssl/rand.h>

namespace portunus {

namespace {
constexpr const char *kMidUri = "urn:ietf:params:rtp-hdrext:sdes:mid";
constexpr const char *kAudioLevelUri = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";

uint32_t randomSsrc() {
    uint32_t v = 0;
    while (v == 0) RAND_bytes(reinterpret_cast<unsigned char *>(&v), sizeof v);
    return v;
}

uint8_t extensionId(const sdp::MediaSection &m, const char *uri) {
    for (const auto &e : m.extmaps)
        if (e.uri == uri && e.id > 0 && e.id < 256) return static_cast<uint8_t>(e.id);
    return 0;
}

void readSimulcast(const sdp::MediaSection &theirs, MediaLine &l) {
    if (theirs.simulcast)
        for (auto it = theirs.simulcast->send.rbegin(); it != theirs.simulcast->send.rend(); ++it)
            if (!it->empty()) l.rids.push_back(it->front().id);
    for (const auto &group : theirs.ssrcGroups)
        if (group.semantics == "SIM") l.sim_ssrcs = group.ssrcs;
}
} // namespace

void MediaMap::build(const sdp::SessionDescription &remote, const sdp::SessionDescription &local) {
    lines_.clear();
    known_count_ = 0;
    mid_extension_id_ = 0;
    for (size_t i = 0; i < local.media.size() && i < remote.media.size(); ++i) {
        const sdp::MediaSection &ours = local.media[i];
        const sdp::MediaSection &theirs = remote.media[i];
        MediaLine l;
        l.index = static_cast<uint16_t>(i);
        l.mid = ours.mid;
        l.audio = ours.kind == sdp::MediaKind::Audio;
        l.video = ours.kind == sdp::MediaKind::Video;
        l.data = ours.isSctp();
        l.rejected = ours.rejected() || theirs.rejected();
        auto dir = ours.direction;
        l.send = !l.rejected && !l.data && (dir == sdp::Direction::SendRecv || dir == sdp::Direction::SendOnly);
        l.receive = !l.rejected && !l.data && (dir == sdp::Direction::SendRecv || dir == sdp::Direction::RecvOnly);
        if (!ours.formats.empty() && ours.isRtp()) {
            int primary = std::atoi(ours.formats.front().c_str());
            for (const auto &r : ours.rtpmaps)
                if (r.payloadType == primary) l.clock_rate = r.clockRate;
            if (l.video)
                if (auto rtx = ours.rtxFor(primary)) l.rtx_payload_type = *rtx;
            // Payload types are the offer's, so the peer's RTX uses the same number.
            l.remote_rtx_payload_type = l.rtx_payload_type;
            if (l.video && theirs.isRtp() && l.remote_rtx_payload_type < 0)
                if (auto rtx = theirs.rtxFor(primary)) l.remote_rtx_payload_type = *rtx;
        }
        if (l.send) {
            l.local_ssrc = randomSsrc();
            if (l.rtx_payload_type >= 0) l.local_rtx_ssrc = randomSsrc();
        }
        if (!l.rejected) {
            l.mid_extension_id = extensionId(ours, kMidUri);
            l.audio_level_extension_id = l.audio ? extensionId(ours, kAudioLevelUri) : 0;
            if (!mid_extension_id_) mid_extension_id_ = l.mid_extension_id;
            if (!audio_level_extension_id_) audio_level_extension_id_ = l.audio_level_extension_id;
            if (l.video && l.receive) readSimulcast(theirs, l);
        }
        for (const auto &s : theirs.ssrcs) learn(s.ssrc, static_cast<int>(i));
        lines_.push_back(std::move(l));
    }
}

void MediaMap::keepLocalSsrcs(const MediaMap &previous) {
    for (auto &l : lines_) {
        const MediaLine *old = previous.line(l.index);
        if (!old || old->mid != l.mid || !l.send || !old->local_ssrc) continue;
        l.local_ssrc = old->local_ssrc;
        if (l.rtx_payload_type >= 0 && old->local_rtx_ssrc) l.local_rtx_ssrc = old->local_rtx_ssrc;
    }
}

void MediaMap::learn(uint32_t ssrc, int line) {
    for (size_t i = 0; i < known_count_; ++i)
        if (known_[i].ssrc == ssrc) {
            known_[i].line = static_cast<int16_t>(line);
            return;
        }
    if (known_count_ < known_.size()) known_[known_count_++] = {ssrc, static_cast<int16_t>(line)};
}

int MediaMap::lineForSsrc(uint32_t ssrc) const {
    for (size_t i = 0; i < known_count_; ++i)
        if (known_[i].ssrc == ssrc) return known_[i].line;
    return -1;
}

int MediaMap::lineForMid(std::string_view mid) const {
    for (const auto &l : lines_)
        if (!l.rejected && l.mid == mid) return l.index;
    return -1;
}

int MediaMap::lineFor(uint32_t ssrc, std::string_view mid) {
    int line = lineForSsrc(ssrc);
    if (line >= 0) return line;
    if (mid.empty()) return -1;
    line = lineForMid(mid);
    if (line >= 0) learn(ssrc, line);
    return line;
}

int MediaMap::lineForLocalSsrc(uint32_t ssrc) const {
    for (const auto &l : lines_)
        if (ssrc && (l.local_ssrc == ssrc || l.local_rtx_ssrc == ssrc)) return l.index;
    return -1;
}

} // namespace portunus
