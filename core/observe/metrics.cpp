#include "observe/metrics.hpp"

namespace portunus {

MediaCounts &MediaCounts::operator+=(const MediaCounts &o) {
    packets_in += o.packets_in;
    bytes_in += o.bytes_in;
    packets_out += o.packets_out;
    bytes_out += o.bytes_out;
    packets_lost += o.packets_lost;
    nacks_sent += o.nacks_sent;
    nacks_received += o.nacks_received;
    plis_received += o.plis_received;
    return *this;
}

void Metrics::addClosedMedia(const MediaCounts &counts) {
    std::lock_guard lock(mutex_);
    closed_ += counts;
}

MediaCounts Metrics::closedMedia() const {
    std::lock_guard lock(mutex_);
    return closed_;
}

void Metrics::observeCallSetup(double seconds) {
    std::lock_guard lock(mutex_);
    for (size_t i = 0; i < kSetupBuckets.size(); ++i)
        if (seconds <= kSetupBuckets[i]) ++setup_.buckets[i];
    ++setup_.count;
    setup_.sum += seconds;
}

Metrics::Histogram Metrics::callSetup() const {
    std::lock_guard lock(mutex_);
    return setup_;
}

void Metrics::joinFailed(const std::string &reason) {
    std::lock_guard lock(mutex_);
    ++join_failures_[reason];
}

std::map<std::string, uint64_t> Metrics::joinFailures() const {
    std::lock_guard lock(mutex_);
    return join_failures_;
}

void Metrics::forcedDisconnect(const std::string &reason) {
    std::lock_guard lock(mutex_);
    ++forced_disconnects_[reason];
}

std::map<std::string, uint64_t> Metrics::forcedDisconnects() const {
    std::lock_guard lock(mutex_);
    return forced_disconnects_;
}

} // namespace portunus
