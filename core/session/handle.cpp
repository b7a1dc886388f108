#include "session/handle.hpp"

#include "loop/loop.hpp"
#include "observe/log.hpp"
#include "observe/webhooks.hpp"

#include <boost/asio/post.hpp>
#include <rapidjson/document.h>
#include "session/client_events.hpp"
#include "session/session.hpp"

namespace portunus {

namespace {
constexpr size_t kMaxPendingTrickles = 256;
}

void Handle::setClaims(std::string claims) {
    claims_ = std::move(claims);
    if (claims_.empty()) return;
    rapidjson::Document d;
    d.Parse(claims_.data(), claims_.size());
    if (d.HasParseError() || !d.IsObject()) return;
    auto field = [&](const char *name) {
        auto it = d.FindMember(name);
        return it != d.MemberEnd() && it->value.IsString() ? std::string(it->value.GetString()) : std::string();
    };
    subject_ = {field("user_uid"), field("device_id"), field("channel_id")};
}

bool Handle::destroyInPlugin() {
    std::lock_guard lock(plugin_call_mutex_);
    if (!alive_.exchange(false)) return false;
    plugin_->destroy_session(&raw_);
    return true;
}

bool Handle::queueTrickle(std::string candidate) {
    std::shared_ptr<PeerConnection> pc;
    {
        std::lock_guard lock(peer_mutex_);
        pc = peer_;
        if (!pc) {
            if (trickles_.size() >= kMaxPendingTrickles) {
                PLOG_WARN("session", logIds(), "over {} pending trickles, dropped one",
                          kMaxPendingTrickles);
                return false;
            }
            trickles_.push_back(std::move(candidate));
            return true;
        }
    }
    pc->addRemoteCandidate(std::move(candidate));
    return true;
}

std::shared_ptr<PeerConnection> Handle::peer() {
    std::vector<std::string> early;
    std::shared_ptr<PeerConnection> pc;
    {
        std::lock_guard lock(peer_mutex_);
        if (peer_) return peer_;
        // The PeerConnection keeps its handle alive until it is torn down.
        peer_ = std::make_shared<PeerConnection>(*loop_, media_, shared_from_this(), logIds());
        pc = peer_;
        early.swap(trickles_);
        boost::asio::post(loop_->context(), [self = shared_from_this(), pc] { self->media_peer_ = pc.get(); });
    }
    for (auto &c : early) pc->addRemoteCandidate(std::move(c));
    return pc;
}

std::shared_ptr<PeerConnection> Handle::existingPeer() const {
    std::lock_guard lock(peer_mutex_);
    return peer_;
}

void Handle::closePeer(const std::string &reason) {
    if (auto pc = existingPeer()) pc->close(reason);
}

void Handle::onPcCandidate(const std::string &mid, uint16_t mindex, const std::string &candidate) {
    if (auto s = session()) s->pushEvent(events::trickle(session_id_, id_, mid, mindex, candidate));
}

void Handle::onPcGatheringDone() {
    if (auto s = session()) s->pushEvent(events::trickle(session_id_, id_, "", 0, ""));
}

void Handle::onPcUp() {
    if (media_.metrics)
        media_.metrics->observeCallSetup(std::chrono::duration<double>(std::chrono::steady_clock::now() - attached_).count());
    if (media_.webhooks) media_.webhooks->emit("webrtcup", session_id_, id_);
    if (auto s = session()) s->pushEvent(events::webrtcUp(session_id_, id_));
    if (alive() && plugin_->setup_media) plugin_->setup_media(&raw_);
}

void Handle::onPcDown(const std::string &reason) {
    media_peer_ = nullptr;
    {
        std::lock_guard lock(peer_mutex_);
        if (peer_ && media_.metrics) media_.metrics->addClosedMedia(peer_->counts());
        peer_.reset(); // a new offer starts a new PeerConnection
    }
    if (media_.webhooks) media_.webhooks->emit("hangup", session_id_, id_);
    if (auto s = session()) s->pushEvent(events::hangup(session_id_, id_, reason));
    if (alive() && plugin_->hangup_media) plugin_->hangup_media(&raw_);
}

void Handle::onPcMedia(const MediaLine &line, bool receiving) {
    if (auto s = session())
        s->pushEvent(events::media(session_id_, id_, line.mid, line.video ? "video" : "audio", receiving));
}

// Media callbacks run on this handle's loop, as does its destroy_session once
// it has a PeerConnection, so the plugin never sees them overlap.
void Handle::onPcRtp(const portunus_rtp &packet) {
    if (alive() && plugin_->incoming_rtp) plugin_->incoming_rtp(&raw_, &packet);
}

void Handle::onPcRtcp(const portunus_rtcp &packet) {
    if (alive() && plugin_->incoming_rtcp) plugin_->incoming_rtcp(&raw_, &packet);
}

void Handle::onPcSlowLink(const MediaLine &line, bool uplink, uint64_t lost) {
    if (auto s = session())
        s->pushEvent(events::slowLink(session_id_, id_, line.mid, line.video ? "video" : "audio", uplink, lost));
    if (alive() && plugin_->slow_link) plugin_->slow_link(&raw_, line.index, uplink);
}

void Handle::onPcData(const portunus_data &message) {
    if (alive() && plugin_->incoming_data) plugin_->incoming_data(&raw_, &message);
}

void Handle::retainForPlugin() {
    std::lock_guard lock(retain_mutex_);
    if (retains_++ == 0) retained_self_ = shared_from_this();
}

void Handle::releaseForPlugin() {
    std::shared_ptr<Handle> last; // dropped after the lock is released
    std::lock_guard lock(retain_mutex_);
    if (retains_ == 0) return;
    if (--retains_ == 0) last = std::move(retained_self_);
}

} // namespace portunus
