// Webhooks: server events (session and handle lifecycle, webrtcup, hangup)
// posted as JSON batches to configured http:// URLs by one worker thread.
// Each event has a unique id and a timestamp; a batch that fails is retried
// with exponential backoff and jitter until it is delivered (at least once,
// in order) or the server stops. The queue is bounded: events beyond it are
// dropped, counted and logged.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace portunus {

struct WebhookConfig {
    std::vector<std::string> urls; // none = off
    size_t queue_size = 10000;
    size_t batch_max = 100;
    unsigned retry_initial_ms = 500;
    unsigned retry_max_ms = 30000;
};

class Webhooks {
public:
    explicit Webhooks(WebhookConfig config);
    ~Webhooks();
    void start();
    void stop(); // delivers nothing more; queued events are dropped

    // Queues {"id", "type", "timestamp_ms", "session_id", "handle_id"}; cheap, any thread.
    void emit(std::string_view type, uint64_t session_id, uint64_t handle_id = 0);

    size_t queueDepth() const;
    uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }

private:
    void run();
    // Posts `body` to every URL until each accepts it (or stop); false when stopped.
    bool deliver(const std::string &body);

    const WebhookConfig config_;
    const std::string id_prefix_; // random per start, so ids stay unique across restarts
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::string> queue_;
    bool stopping_ = false;
    uint64_t next_id_ = 0;
    std::atomic<uint64_t> dropped_{0};
    std::thread worker_;
};

} // namespace portunus
