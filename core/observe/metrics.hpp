// The server's counters for GET /metrics that no other object keeps: media
// totals of PeerConnections already closed (live ones are summed at scrape
// time), the call setup time histogram (attach -> webrtcup), join tickets
// issued, join failures and forced disconnects by reason. Updated on the control plane and at
// PeerConnection up/down, never per packet.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace portunus {

struct MediaCounts {
    uint64_t packets_in = 0, bytes_in = 0, packets_out = 0, bytes_out = 0;
    uint64_t packets_lost = 0, nacks_sent = 0, nacks_received = 0, plis_received = 0;
    MediaCounts &operator+=(const MediaCounts &o);
};

class Metrics {
public:
    static constexpr std::array<double, 8> kSetupBuckets = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}; // seconds

    struct Histogram {
        std::array<uint64_t, kSetupBuckets.size()> buckets{}; // cumulative counts, as Prometheus wants
        uint64_t count = 0;
        double sum = 0;
    };

    void addClosedMedia(const MediaCounts &counts);
    MediaCounts closedMedia() const;
    void observeCallSetup(double seconds);
    Histogram callSetup() const;

    void ticketIssued() { tickets_issued_.fetch_add(1, std::memory_order_relaxed); }
    uint64_t ticketsIssued() const { return tickets_issued_.load(std::memory_order_relaxed); }
    void joinFailed(const std::string &reason);
    std::map<std::string, uint64_t> joinFailures() const;
    void forcedDisconnect(const std::string &reason);
    std::map<std::string, uint64_t> forcedDisconnects() const;

private:
    mutable std::mutex mutex_;
    MediaCounts closed_;
    Histogram setup_;
    std::map<std::string, uint64_t> join_failures_;
    std::map<std::string, uint64_t> forced_disconnects_;
    std::atomic<uint64_t> tickets_issued_{0};
};

} // namespace portunus
