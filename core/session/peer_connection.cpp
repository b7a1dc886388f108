#include "session/peer_connection.hpp"

#include "api/api_error.hpp"
#include "loop/loop.hpp"
#include "net/dtls_certificate.hpp"
#include "rtp/demux.hpp"
#include "rtp/extension_block.hpp"
#include "rtp/header_extensions.hpp"
#include "rtp/rtcp/compound.hpp"
#include "rtp/rtcp/feedback.hpp"
#include "rtp/rtcp/pli.hpp"
#include "rtp/rtp_packet.hpp"
#include "sdp/transport.hpp"
#include "sdp/writer.hpp"

#include <boost/asio/post.hpp>

#include <fmt/format.h>

#include <cstring>
#include <random>

namespace portunus {

using api::ApiError;
using api::ErrorCode;

namespace {

const sdp::MediaSection *bundleTransport(const sdp::SessionDescription &offer) {
    if (const sdp::Group *bundle = offer.group("BUNDLE"); bundle && !bundle->mids.empty())
        if (const sdp::MediaSection *m = offer.findMid(bundle->mids.front())) return m;
    for (const auto &m : offer.media)
        if (!m.rejected()) return &m;
    return nullptr;
}

} // namespace

PeerConnection::PeerConnection(Loop &loop, const MediaContext &media, std::shared_ptr<Listener> listener, log::Ids ids)
    : loop_(loop), media_(media), listener_(std::move(listener)), ids_(ids), rtp_timer_(loop.context()), media_timer_(loop.context()) {
    local_ufrag_ = net::IceAgent::randomCredential(8);
    local_password_ = net::IceAgent::randomCredential(24);
    session_id_ = std::to_string(std::random_device{}() | 1u) + std::to_string(std::random_device{}());
}

PeerConnection::~PeerConnection() = default;

bool PeerConnection::isLoopThread() const { return loop_.isCurrentThread(); }

void PeerConnection::post(std::function<void(PeerConnection &)> f) {
    boost::asio::post(loop_.context(), [self = shared_from_this(), f = std::move(f)] { f(*self); });
}

PeerConnection::RemoteTransport PeerConnection::remoteTransport(const sdp::SessionDescription &d) {
    const sdp::MediaSection *m = bundleTransport(d);
    if (!m) throw ApiError(ErrorCode::jsep_invalid_sdp, "Invalid SDP: no usable m-line");
    RemoteTransport remote;
    remote.ufrag = d.iceUfragOf(*m).value_or("");
    remote.password = d.icePwdOf(*m).value_or("");
    if (remote.ufrag.empty() || remote.password.empty())
        throw ApiError(ErrorCode::jsep_invalid_sdp, "Invalid SDP: missing ICE credentials");
    for (const auto &f : d.fingerprintsOf(*m))
        if (f.hashFunction == "sha-256") {
            remote.hash = f.hashFunction;
            remote.fingerprint = f.value;
        }
    if (remote.fingerprint.empty())
        throw ApiError(ErrorCode::jsep_invalid_sdp, "Invalid SDP: no sha-256 DTLS fingerprint");
    remote.setup = d.setupOf(*m).value_or(sdp::Setup::ActPass);
    for (const auto &section : d.media) {
        if (section.mid != m->mid && !section.bundleOnly && !d.group("BUNDLE")) continue;
        for (const auto &c : section.candidates) remote.candidates.push_back(c);
        remote.end_of_candidates = remote.end_of_candidates || section.endOfCandidates;
    }
    return remote;
}

void PeerConnection::applyRemoteOffer(const sdp::SessionDescription &offer) {
    RemoteTransport remote = remoteTransport(offer);
    bool restart;
    {
        std::lock_guard lock(mutex_);
        if (closed_) throw ApiError(ErrorCode::webrtc_state, "The PeerConnection is closed");
        if (local_offer_) throw ApiError(ErrorCode::webrtc_state, "An offer of ours is waiting for its answer");
        restart = has_remote_ && remote.ufrag != remote_ufrag_;
        if (restart) {
            local_ufrag_ = net::IceAgent::randomCredential(8);
            local_password_ = net::IceAgent::randomCredential(24);
            local_candidates_.clear();
            gathering_done_ = false;
        }
        bool first = !has_remote_;
        remote_ = offer;
        remote_ufrag_ = remote.ufrag;
        has_remote_ = true;
        if (!first && !restart) return; // a renegotiation on the same transport
    }
    if (restart) post([remote = std::move(remote)](PeerConnection &pc) mutable { pc.restartIce(std::move(remote)); });
    else post([remote = std::move(remote)](PeerConnection &pc) mutable { pc.start(std::move(remote)); });
}

namespace {

// a=ssrc cname/msid lines (and the RTX FID group) for every line we send on.
void announceSsrcs(sdp::SessionDescription &d, const MediaMap &map) {
    for (size_t i = 0; i < d.media.size(); ++i) {
        sdp::MediaSection &m = d.media[i];
        if (m.rejected()) continue;
        const MediaLine *line = map.line(static_cast<uint16_t>(i));
        m.ssrcs.clear();
        m.ssrcGroups.clear();
        if (!line || !line->send) continue;
        std::string msid = m.msids.empty() ? "portunus " + (line->mid.empty() ? std::to_string(i) : line->mid)
                                           : m.msids.front().stream + " " + m.msids.front().track;
        m.ssrcs.push_back({line->local_ssrc, "cname", "portunus"});
        m.ssrcs.push_back({line->local_ssrc, "msid", msid});
        if (line->local_rtx_ssrc) {
            m.ssrcGroups.push_back({"FID", {line->local_ssrc, line->local_rtx_ssrc}});
            m.ssrcs.push_back({line->local_rtx_ssrc, "cname", "portunus"});
            m.ssrcs.push_back({line->local_rtx_ssrc, "msid", msid});
        }
    }
}

} // namespace

sdp::TransportParams PeerConnection::localTransport(sdp::Setup setup) {
    sdp::TransportParams transport;
    transport.iceUfrag = local_ufrag_;
    transport.icePwd = local_password_;
    transport.iceLite = media_.ice.lite;
    transport.trickle = !media_.ice.lite;
    transport.fingerprint = {"sha-256", media_.dtls->certificate().fingerprint()};
    transport.setup = setup;
    transport.candidates = local_candidates_;
    transport.endOfCandidates = gathering_done_;
    transport.sessionId = session_id_;
    transport.sessionVersion = ++session_version_;
    return transport;
}

void PeerConnection::adopt(std::shared_ptr<MediaMap> map, const sdp::SessionDescription &local) {
    answered_map_ = std::move(map);
    rtp::ExtensionMap extensions;
    for (const auto &m : local.media)
        if (!m.rejected() && m.isRtp())
            for (const auto &e : m.extmaps) extensions.add(e.uri, static_cast<uint8_t>(e.id));
    post([map = answered_map_, extensions](PeerConnection &pc) {
        pc.map_ = *map;
        pc.rtp_.configure(pc.map_, extensions);
        pc.stats_scratch_.reserve(pc.map_.lines().size());
        std::lock_guard guard(pc.mutex_);
        pc.stats_snapshot_.reserve(pc.map_.lines().size());
    });
}

std::string PeerConnection::completeAnswer(sdp::SessionDescription answer) {
    std::lock_guard lock(mutex_);
    if (!has_remote_ || local_offer_) throw ApiError(ErrorCode::unexpected_answer, "No offer to answer");
    auto map = std::make_shared<MediaMap>();
    map->build(remote_, answer);
    if (answered_map_) map->keepLocalSsrcs(*answered_map_);
    sdp::setTransport(answer, localTransport(sdp::answeringSetup(remote_)));
    announceSsrcs(answer, *map);
    adopt(std::move(map), answer);
    return sdp::write(answer);
}

std::string PeerConnection::completeOffer(sdp::SessionDescription offer) {
    std::lock_guard lock(mutex_);
    if (closed_) throw ApiError(ErrorCode::webrtc_state, "The PeerConnection is closed");
    if (!has_remote_) offerer_ = true;
    // The lines as we offer them: the answer can only narrow them.
    auto map = std::make_shared<MediaMap>();
    map->build(offer, offer);
    if (answered_map_) map->keepLocalSsrcs(*answered_map_);
    sdp::setTransport(offer, localTransport(sdp::Setup::ActPass));
    announceSsrcs(offer, *map);
    offered_map_ = std::move(map);
    local_offer_ = offer;
    return sdp::write(offer);
}

void PeerConnection::applyRemoteAnswer(const sdp::SessionDescription &answer) {
    // A renegotiation may leave no m-line in use (every stream removed): the
    // transport stays as it is until one comes back.
    const bool in_use = bundleTransport(answer) != nullptr;
    RemoteTransport remote;
    if (in_use) remote = remoteTransport(answer);
    bool first;
    {
        std::lock_guard lock(mutex_);
        if (closed_) throw ApiError(ErrorCode::webrtc_state, "The PeerConnection is closed");
        if (!local_offer_) throw ApiError(ErrorCode::unexpected_answer, "Unexpected ANSWER (no OFFER)");
        if (answer.media.size() != local_offer_->media.size())
            throw ApiError(ErrorCode::jsep_invalid_sdp, "Invalid SDP: the answer's m-lines do not match our offer");
        if (!in_use && !has_remote_) throw ApiError(ErrorCode::jsep_invalid_sdp, "Invalid SDP: no usable m-line");
        if (in_use && has_remote_ && remote.ufrag != remote_ufrag_)
            throw ApiError(ErrorCode::jsep_invalid_sdp, "Invalid SDP: ICE credentials changed without our restart");
        auto map = std::make_shared<MediaMap>();
        map->build(answer, *local_offer_);
        map->keepLocalSsrcs(*offered_map_);
        first = !has_remote_;
        remote_ = answer;
        if (in_use) remote_ufrag_ = remote.ufrag;
        has_remote_ = true;
        adopt(std::move(map), *local_offer_);
        local_offer_.reset();
        offered_map_.reset();
    }
    if (first) post([remote = std::move(remote)](PeerConnection &pc) mutable { pc.start(std::move(remote)); });
}

void PeerConnection::addRemoteCandidate(std::string candidate) {
    post([candidate = std::move(candidate)](PeerConnection &pc) {
        if (!pc.ice_) {
            pc.early_candidates_.push_back(candidate);
            return;
        }
        if (candidate.empty()) pc.ice_->remoteGatheringDone();
        else if (!pc.ice_->addRemoteCandidate(candidate))
            PLOG_DEBUG("pc", pc.ids_, "remote candidate ignored: {}", candidate);
    });
}

void PeerConnection::close(std::string reason) {
    {
        std::lock_guard lock(mutex_);
        if (closed_) return;
        closed_ = true;
    }
    if (isLoopThread()) teardown(reason);
    else post([reason = std::move(reason)](PeerConnection &pc) { pc.teardown(reason); });
}

void PeerConnection::start(RemoteTransport remote) {
    if (down_) return;
    {
        std::lock_guard lock(mutex_);
        // RFC 8445 §6.1.1: the offerer controls; a lite agent never does.
        ice_ = std::make_unique<net::IceAgent>(loop_.glibContext(), media_.ice, *this, offerer_ && !media_.ice.lite);
        ice_->setLocalCredentials(local_ufrag_, local_password_);
    }
    std::string error;
    if (!ice_->start(remote.ufrag, remote.password, error)) {
        teardown("ICE: " + error);
        return;
    }
    for (const auto &c : remote.candidates) ice_->addRemoteCandidate(c);
    for (const auto &c : std::exchange(early_candidates_, {}))
        c.empty() ? ice_->remoteGatheringDone() : (void)ice_->addRemoteCandidate(c);
    if (remote.end_of_candidates) ice_->remoteGatheringDone();
    // Answering actpass (or active) we are passive; offering actpass, the
    // answer picks: either way the peer's "active" makes us the DTLS server.
    auto role = remote.setup == sdp::Setup::Passive ? net::DtlsTransport::Role::client : net::DtlsTransport::Role::server;
    dtls_ = std::make_unique<net::DtlsTransport>(*media_.dtls, loop_.context(), *this);
    dtls_->start(role, remote.hash, remote.fingerprint);
    updateState();
}

void PeerConnection::restartIce(RemoteTransport remote) {
    if (down_ || !ice_) return;
    {
        std::lock_guard lock(mutex_);
        ice_->setLocalCredentials(local_ufrag_, local_password_);
    }
    std::string error;
    if (!ice_->restart(remote.ufrag, remote.password, error)) {
        teardown("ICE restart: " + error);
        return;
    }
    for (const auto &c : remote.candidates) ice_->addRemoteCandidate(c);
    if (remote.end_of_candidates) ice_->remoteGatheringDone();
    PLOG_INFO("pc", ids_, "ICE restart");
}

void PeerConnection::teardown(const std::string &reason) {
    if (down_) return;
    down_ = true;
    media_timer_.cancel();
    rtp_timer_.cancel();
    sctp_.reset(); // before the DTLS it writes through
    if (dtls_) dtls_->close();
    dtls_.reset();
    ice_.reset();
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
        ice_state_ = "closed";
    }
    PLOG_INFO("pc", ids_, "closed: {}", reason);
    auto listener = std::move(listener_);
    listener->onPcDown(reason);
}

void PeerConnection::updateState() {
    std::lock_guard lock(mutex_);
    if (ice_) {
        ice_state_ = net::IceAgent::stateName(ice_->state());
        selected_local_ = ice_->selectedLocal();
        selected_remote_ = ice_->selectedRemote();
    }
    if (dtls_) dtls_state_ = dtls_->stateName();
}

void PeerConnection::onIceCandidate(const std::string &candidate) {
    if (down_) return;
    std::string mid;
    {
        std::lock_guard lock(mutex_);
        local_candidates_.push_back(candidate);
        const sdp::MediaSection *m = bundleTransport(remote_);
        mid = m ? m->mid : "0";
    }
    listener_->onPcCandidate(mid, 0, candidate);
}

void PeerConnection::onIceGatheringDone() {
    if (down_) return;
    {
        std::lock_guard lock(mutex_);
        gathering_done_ = true;
    }
    listener_->onPcGatheringDone();
}

void PeerConnection::onIceStateChanged(net::IceAgent::State state) {
    updateState();
    if (state == net::IceAgent::State::connected || state == net::IceAgent::State::ready)
        for (const auto &flight : std::exchange(pending_dtls_, {})) ice_->send(flight.data(), flight.size());
    PLOG_DEBUG("pc", ids_, "ICE {}", net::IceAgent::stateName(state));
    if (state == net::IceAgent::State::failed) teardown(up_ ? "ICE failed (consent lost)" : "ICE failed");
}

void PeerConnection::onIcePacket(const uint8_t *data, size_t length) {
    if (rtp::isDtls(data, length)) {
        if (dtls_) dtls_->onPacket(data, length);
        return;
    }
    if (!up_ || !rtp::isRtpOrRtcp(data, length) || length > 1500) return;
    std::memcpy(rx_.data(), data, length); // SRTP works in place; libnice's buffer is not ours
    if (rtp::isRtcp(rx_.data(), length)) onRtcp(rx_.data(), length);
    else onRtp(rx_.data(), length);
}

void PeerConnection::onDtlsSend(const uint8_t *data, size_t length) {
    if (!ice_) return;
    // The peer may start DTLS as soon as its check succeeds, before we have
    // a selected pair: keep the flight and send it once ICE connects.
    if (!ice_->send(data, length) && pending_dtls_.size() < 16) pending_dtls_.emplace_back(data, data + length);
}

void PeerConnection::onDtlsConnected(net::SrtpProfile profile, const net::SrtpKeys &keys) {
    std::string error;
    if (!srtp_in_.start(profile, net::SrtpSession::Direction::inbound, keys.remote.data(), error) ||
        !srtp_out_.start(profile, net::SrtpSession::Direction::outbound, keys.local.data(), error)) {
        teardown("SRTP: " + error);
        return;
    }
    {
        std::lock_guard lock(mutex_);
        srtp_profile_ = net::configName(profile);
    }
    updateState();
    up_ = true;
    if (hasDataLine()) {
        sctp_ = std::make_unique<net::SctpAssociation>(*this, loop_.context(),
                                                       dtls_->role() == net::DtlsTransport::Role::client);
        sctp_->start();
    }
    PLOG_INFO("pc", ids_, "up: {} via {} -> {}", net::configName(profile), ice_ ? ice_->selectedLocal() : "",
              ice_ ? ice_->selectedRemote() : "");
    listener_->onPcUp();
    watchMedia();
    tickRtp();
}

void PeerConnection::onDtlsFailed(const std::string &reason) { teardown("DTLS: " + reason); }
void PeerConnection::onDtlsData(const uint8_t *data, size_t length) {
    if (sctp_) sctp_->onDtlsData(data, length);
}

bool PeerConnection::hasDataLine() const {
    for (const auto &l : map_.lines())
        if (l.data && !l.rejected) return true;
    return false;
}

void PeerConnection::onSctpSend(const uint8_t *data, size_t length) {
    if (dtls_) dtls_->send(data, length);
}

void PeerConnection::onSctpConnected() { PLOG_DEBUG("pc", ids_, "data channels ready"); }

void PeerConnection::onSctpChannelOpened(uint16_t stream, const std::string &label, const std::string &protocol) {
    PLOG_DEBUG("pc", ids_, "data channel {} '{}' ({}) open", stream, label, protocol);
    std::lock_guard lock(mutex_);
    channel_labels_.push_back(label);
}

void PeerConnection::onSctpMessage(uint16_t, const std::string &label, bool binary, const uint8_t *data, size_t length) {
    portunus_data message{};
    message.data = data;
    message.length = static_cast<uint32_t>(length);
    message.binary = binary;
    message.label = label.c_str();
    message.protocol = "";
    if (listener_) listener_->onPcData(message);
}

void PeerConnection::onSctpChannelClosed(uint16_t stream) { PLOG_DEBUG("pc", ids_, "data channel {} closed", stream); }

void PeerConnection::onSctpClosed(const std::string &reason) { PLOG_INFO("pc", ids_, "data channels closed: {}", reason); }

portunus_status PeerConnection::sendData(const portunus_data &m) {
    if (!sctp_ || down_) return PORTUNUS_STATUS_NO_MEDIA;
    if (!m.data && m.length) return PORTUNUS_STATUS_INVALID;
    std::string label = m.label ? m.label : "";
    bool sent = false;
    if (!label.empty()) sent = sctp_->sendByLabel(label, m.binary != 0, m.data, m.length);
    else
        for (const auto &c : sctp_->channels())
            if (!sent) sent = sctp_->send(c.stream, m.binary != 0, m.data, m.length);
    return sent ? PORTUNUS_STATUS_OK : PORTUNUS_STATUS_FULL;
}
void PeerConnection::onDtlsClosed() { teardown("DTLS alert: close_notify"); }

void PeerConnection::onRtp(uint8_t *data, size_t length) {
    if (!srtp_in_.unprotectRtp(data, length)) return; // forged, replayed or not for us
    auto packet = rtp::RtpPacket::parse(data, length, rx_.size());
    if (!packet) return;
    std::string_view mid;
    std::optional<rtp::SdesId> sdes;
    if (map_.midExtensionId()) {
        sdes = rtp::readSdesId(packet->extension(map_.midExtensionId()));
        if (sdes) mid = sdes->view();
    }
    int index = map_.lineFor(packet->ssrc(), mid);
    const MediaLine *line = index >= 0 ? map_.line(static_cast<uint16_t>(index)) : nullptr;
    if (!line || !line->receive || line->data) return;
    // Statistics, NACK and feedback state; RTX comes back as the original.
    int8_t substream = -1;
    if (!rtp_.onRtpReceived(index, *packet, nowUs(), &substream)) return;
    portunus_rtp view{};
    view.data = data;
    view.length = static_cast<uint32_t>(packet->size());
    view.mindex = line->index;
    view.is_video = line->video;
    view.substream = substream;
    if (line->audio && map_.audioLevelExtensionId())
        if (auto level = rtp::readAudioLevel(packet->extension(map_.audioLevelExtensionId()))) {
            view.has_audio_level = 1;
            view.audio_level = level->level;
            view.voice_activity = level->voice;
        }
    listener_->onPcRtp(view);
}

void PeerConnection::onRtcp(uint8_t *data, size_t length) {
    if (!srtp_in_.unprotectRtcp(data, length)) return;
    // Reports and NACKs are ours; keyframe requests and the rest go to the plugin.
    if (!rtp_.onRtcpReceived(data, length, nowUs())) return;
    // Which m-line it is about: feedback names our SSRC, reports the peer's.
    int index = -1;
    rtp::rtcp::CompoundReader reader({data, length});
    rtp::rtcp::PacketView p;
    while (index < 0 && reader.next(p)) {
        if (p.type == rtp::rtcp::kRtpFeedback || p.type == rtp::rtcp::kPayloadFeedback) {
            if (auto fb = rtp::rtcp::parseFeedback(p, p.type, p.count)) index = map_.lineForLocalSsrc(fb->media_ssrc);
        } else if (p.type == rtp::rtcp::kSenderReport && p.bytes.size() >= 8) {
            index = map_.lineForSsrc(rtp::read32(p.bytes.data() + 4));
        }
    }
    const MediaLine *line = index >= 0 ? map_.line(static_cast<uint16_t>(index)) : nullptr;
    portunus_rtcp view{};
    view.data = data;
    view.length = static_cast<uint32_t>(length);
    view.mindex = line ? line->index : 0;
    view.is_video = line && line->video;
    listener_->onPcRtcp(view);
}

portunus_status PeerConnection::sendRtp(const portunus_rtp &p) {
    if (!up_ || down_) return PORTUNUS_STATUS_NO_MEDIA;
    const MediaLine *line = map_.line(p.mindex);
    if (!line || !line->send || !p.data || p.length > 1500 || p.length < 12) return PORTUNUS_STATUS_INVALID;
    std::memcpy(tx_.data(), p.data, p.length);
    // Our extensions with the peer's ids, whatever the packet came with.
    rtp::ExtensionBlock extensions;
    if (line->mid_extension_id) extensions.add(line->mid_extension_id, line->mid);
    if (line->audio_level_extension_id && p.has_audio_level) {
        uint8_t level = static_cast<uint8_t>((p.voice_activity ? 0x80 : 0) | (p.audio_level & 0x7F));
        extensions.add(line->audio_level_extension_id, std::span<const uint8_t>(&level, 1));
    }
    size_t length = p.length;
    if (!rtp::replaceExtensions(tx_.data(), length, 1500, extensions)) return PORTUNUS_STATUS_INVALID;
    auto packet = rtp::RtpPacket::parse(tx_.data(), length, tx_.size());
    if (!packet) return PORTUNUS_STATUS_INVALID;
    packet->setSsrc(p.rewrite & PORTUNUS_RTP_REWRITE_SSRC ? p.ssrc : line->local_ssrc);
    if (p.rewrite & PORTUNUS_RTP_REWRITE_SEQ) packet->setSequence(p.seq);
    if (p.rewrite & PORTUNUS_RTP_REWRITE_TIMESTAMP) packet->setTimestamp(p.timestamp);
    if (p.rewrite & PORTUNUS_RTP_REWRITE_PAYLOAD_TYPE) packet->setPayloadType(p.payload_type);
    if (p.rewrite & PORTUNUS_RTP_REWRITE_MARKER) packet->setMarker(p.marker != 0);
    rtp_.onRtpSent(line->index, *packet, nowUs());
    if (!srtp_out_.protectRtp(tx_.data(), length)) return PORTUNUS_STATUS_INVALID;
    if (!ice_ || !ice_->send(tx_.data(), length)) return PORTUNUS_STATUS_NO_MEDIA;
    return PORTUNUS_STATUS_OK;
}

portunus_status PeerConnection::sendRtcp(const portunus_rtcp &p) {
    if (!up_ || down_) return PORTUNUS_STATUS_NO_MEDIA;
    if (!p.data || p.length > 1500 || p.length < 8) return PORTUNUS_STATUS_INVALID;
    std::memcpy(tx_.data(), p.data, p.length);
    size_t length = p.length;
    if (!srtp_out_.protectRtcp(tx_.data(), length)) return PORTUNUS_STATUS_INVALID;
    return ice_ && ice_->send(tx_.data(), length) ? PORTUNUS_STATUS_OK : PORTUNUS_STATUS_NO_MEDIA;
}

portunus_status PeerConnection::sendPli(uint16_t mindex) {
    const MediaLine *line = map_.line(mindex);
    if (!line || !line->video) return PORTUNUS_STATUS_INVALID;
    // Every simulcast layer: each encoder restarts from a keyframe.
    std::array<uint32_t, RtpSession::kMaxStreamsPerLine> ssrcs{};
    size_t count = rtp_.remoteSsrcs(mindex, ssrcs);
    if (count == 0) return PORTUNUS_STATUS_NO_MEDIA; // nothing received yet to ask about
    std::array<uint8_t, 12 * RtpSession::kMaxStreamsPerLine> plis{};
    size_t n = 0;
    for (size_t i = 0; i < count; ++i)
        n += rtp::rtcp::writePli(std::span<uint8_t>(plis).subspan(n), line->local_ssrc ? line->local_ssrc : 1, ssrcs[i]);
    portunus_rtcp view{};
    view.data = plis.data();
    view.length = static_cast<uint32_t>(n);
    view.mindex = mindex;
    return sendRtcp(view);
}

void PeerConnection::onRtpSessionSendRtp(uint8_t *data, size_t length) {
    if (!ice_ || !srtp_out_.protectRtp(data, length)) return;
    ice_->send(data, length);
}

void PeerConnection::onRtpSessionSendRtcp(uint8_t *data, size_t length) {
    if (!ice_ || !srtp_out_.protectRtcp(data, length)) return;
    ice_->send(data, length);
}

int64_t PeerConnection::nowUs() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

void PeerConnection::tickRtp() {
    rtp_timer_.expires_after(std::chrono::milliseconds(20));
    rtp_timer_.async_wait(bindHandler(timer_memory_, [self = weak_from_this()](const boost::system::error_code &ec) {
        auto pc = self.lock();
        if (ec || !pc || pc->down_) return;
        pc->rtp_.tick(nowUs());
        pc->tickRtp();
    }));
}

void PeerConnection::watchMedia() {
    media_timer_.expires_after(std::chrono::seconds(1));
    media_timer_.async_wait(bindHandler(timer_memory_, [self = weak_from_this()](const boost::system::error_code &ec) {
        auto pc = self.lock();
        if (ec || !pc || pc->down_) return;
        auto &snapshot = pc->stats_scratch_; // reused: no allocation once sized
        snapshot.resize(pc->map_.lines().size());
        for (const auto &line : pc->map_.lines()) {
            RtpSession::LineStats st = pc->rtp_.stats(line.index);
            snapshot[line.index] = st;
            LineWatch &w = pc->watch_[line.index % pc->watch_.size()];
            // "media": receiving on a line started or stopped (no packet for 1 s).
            bool receiving = line.receive && st.packets_in != w.packets_in;
            if (line.receive && receiving != w.receiving) {
                w.receiving = receiving;
                pc->listener_->onPcMedia(line, receiving);
            }
            // "slowlink": NACKs for over 5 % of a second's packets on the way to
            // us (as Janus counts it: loss before repair, since NACKs hide it).
            uint64_t received = st.packets_in - w.packets_in;
            uint64_t nacked = st.nacks_sent - w.nacks;
            if (line.receive && received > 20 && nacked * 20 > received) pc->listener_->onPcSlowLink(line, true, nacked);
            w.packets_in = st.packets_in;
            w.nacks = st.nacks_sent;
        }
        {
            std::lock_guard lock(pc->mutex_);
            pc->stats_snapshot_.swap(snapshot);
        }
        pc->watchMedia();
    }));
}

} // namespace portunus
