#include "observe/webhooks.hpp"

#include "observe/http_post.hpp"
#include "observe/log.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>

namespace portunus {

namespace {
constexpr auto kPostTimeout = std::chrono::seconds(5);

std::string randomPrefix() {
    std::random_device rd;
    return fmt::format("{:08x}{:08x}", rd(), rd());
}

int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}
} // namespace

Webhooks::Webhooks(WebhookConfig config) : config_(std::move(config)), id_prefix_(randomPrefix()) {}

Webhooks::~Webhooks() { stop(); }

void Webhooks::start() {
    if (config_.urls.empty() || worker_.joinable()) return;
    worker_ = std::thread([this] { run(); });
}

void Webhooks::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (worker_.joinable()) worker_.join();
}

void Webhooks::emit(std::string_view type, uint64_t session_id, uint64_t handle_id) {
    if (config_.urls.empty()) return;
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    if (queue_.size() >= config_.queue_size) {
        // Logged on the first drop and then every 1000th, not once per event.
        if (dropped_.fetch_add(1, std::memory_order_relaxed) % 1000 == 0)
            PLOG_WARN("webhooks", {}, "queue full ({} events): dropping events ({} so far)", config_.queue_size,
                      dropped_.load(std::memory_order_relaxed));
        return;
    }
    queue_.push_back(fmt::format(R"({{"id":"{}-{}","type":"{}","timestamp_ms":{},"session_id":{},"handle_id":{}}})",
                                 id_prefix_, ++next_id_, type, nowMs(), session_id, handle_id));
    wake_.notify_one();
}

size_t Webhooks::queueDepth() const {
    std::lock_guard lock(mutex_);
    return queue_.size();
}

void Webhooks::run() {
    for (;;) {
        std::vector<std::string> batch;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            size_t n = std::min(queue_.size(), config_.batch_max);
            batch.assign(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
        }
        std::string body = "[";
        for (size_t i = 0; i < batch.size(); ++i) body += (i ? "," : "") + batch[i];
        body += "]";
        if (!deliver(body)) return;
        std::lock_guard lock(mutex_);
        queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(batch.size()));
    }
}

bool Webhooks::deliver(const std::string &body) {
    std::mt19937 rng{std::random_device{}()};
    for (const auto &url : config_.urls) {
        for (unsigned attempt = 0;; ++attempt) {
            std::string error;
            int status = httpPostJson(url, body, kPostTimeout, error);
            if (status >= 200 && status < 300) break;
            // Exponential backoff with full jitter in its upper half.
            double base = std::min<double>(config_.retry_max_ms, config_.retry_initial_ms * std::pow(2.0, std::min(attempt, 20u)));
            auto wait = std::chrono::milliseconds(static_cast<int64_t>(base * std::uniform_real_distribution<>(0.5, 1.0)(rng)));
            PLOG_WARN("webhooks", {}, "delivery to {} failed ({}), retry {} in {} ms", url.substr(0, url.find('?')),
                      status ? fmt::format("HTTP {}", status) : error, attempt + 1, wait.count());
            std::unique_lock lock(mutex_);
            if (wake_.wait_for(lock, wait, [&] { return stopping_; })) return false;
        }
    }
    return true;
}

} // namespace portunus
