#include "session/channel_roster.hpp"

#include "api/api_error.hpp"
#include "sdp/session_description.hpp"

#include <fmt/format.h>

namespace portunus {

using api::ApiError;
using api::ErrorCode;

void ChannelRoster::setLimits(Limits limits) {
    std::lock_guard lock(mutex_);
    limits_ = limits;
}

void ChannelRoster::enter(const log::Subject &who, uint64_t handle_id) {
    if (who.channel_id.empty()) return;
    std::lock_guard lock(mutex_);
    Channel &channel = channels_[who.channel_id];
    Participant participant{who.user_uid, who.device_id};
    if (limits_.max_participants && !channel.contains(participant) && channel.size() >= limits_.max_participants) {
        if (channel.empty()) channels_.erase(who.channel_id);
        refused_participants_.fetch_add(1, std::memory_order_relaxed);
        throw ApiError(ErrorCode::channel_full,
                       fmt::format("The channel has its maximum of {} participants", limits_.max_participants));
    }
    channel[participant][handle_id] = 0;
}

ChannelRoster::Handles *ChannelRoster::find(const log::Subject &who) {
    auto channel = channels_.find(who.channel_id);
    if (channel == channels_.end()) return nullptr;
    auto participant = channel->second.find({who.user_uid, who.device_id});
    return participant == channel->second.end() ? nullptr : &participant->second;
}

void ChannelRoster::leave(const log::Subject &who, uint64_t handle_id) {
    if (who.channel_id.empty()) return;
    std::lock_guard lock(mutex_);
    Handles *handles = find(who);
    if (!handles) return;
    handles->erase(handle_id);
    if (!handles->empty()) return;
    Channel &channel = channels_[who.channel_id];
    channel.erase({who.user_uid, who.device_id});
    if (channel.empty()) channels_.erase(who.channel_id);
}

void ChannelRoster::setSendingTracks(const log::Subject &who, uint64_t handle_id, unsigned tracks) {
    if (who.channel_id.empty()) return;
    std::lock_guard lock(mutex_);
    Handles *handles = find(who);
    if (!handles) return;
    unsigned others = 0;
    for (const auto &[id, n] : *handles) others += id == handle_id ? 0 : n;
    if (limits_.max_tracks && others + tracks > limits_.max_tracks) {
        refused_tracks_.fetch_add(1, std::memory_order_relaxed);
        throw ApiError(ErrorCode::too_many_tracks,
                       fmt::format("A participant may send at most {} tracks ({} asked)", limits_.max_tracks, others + tracks));
    }
    (*handles)[handle_id] = tracks;
}

unsigned ChannelRoster::tracksSent(const sdp::SessionDescription &description) {
    unsigned n = 0;
    for (const auto &m : description.media) {
        bool media = m.kind == sdp::MediaKind::Audio || m.kind == sdp::MediaKind::Video;
        bool sends = m.direction == sdp::Direction::SendRecv || m.direction == sdp::Direction::SendOnly;
        if (media && sends && (m.port != 0 || m.bundleOnly)) ++n;
    }
    return n;
}

size_t ChannelRoster::participants(const std::string &channel_id) const {
    std::lock_guard lock(mutex_);
    auto channel = channels_.find(channel_id);
    return channel == channels_.end() ? 0 : channel->second.size();
}

} // namespace portunus
