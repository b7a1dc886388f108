#include "session/handle.hpp"

#include "observe/log.hpp"

namespace portunus {

namespace {
constexpr size_t kMaxPendingTrickles = 256;
}

bool Handle::queueTrickle(std::string candidate_json) {
    std::lock_guard lock(trickle_mutex_);
    if (trickles_.size() >= kMaxPendingTrickles) {
        PLOG_WARN("session", (log::Ids{session_id_, id_}), "over {} pending trickles, dropped one", kMaxPendingTrickles);
        return false;
    }
    trickles_.push_back(std::move(candidate_json));
    return true;
}

bool Handle::destroyInPlugin() {
    std::lock_guard lock(plugin_call_mutex_);
    if (!alive_.exchange(false)) return false;
    plugin_->destroy_session(&raw_);
    return true;
}

std::vector<std::string> Handle::takeTrickles() {
    std::lock_guard lock(trickle_mutex_);
    return std::exchange(trickles_, {});
}

} // namespace portunus
