// Throttles keyframe requests (PLI/FIR) to one publisher stream: however many
// subscribers ask, the publisher gets at most one request per interval, and a
// request that came too soon is sent when the interval is over unless a
// keyframe arrived meanwhile.
//
// Thread-safe without locks: subscribers on other loops may call request()
// while the publisher's loop calls retryDue() and onKeyframe(); exactly one
// caller is told to send per interval.
#pragma once

#include <atomic>
#include <cstdint>
#include <limits>

namespace portunus::media {

class KeyframeRequester {
public:
    explicit KeyframeRequester(int64_t min_interval_us = 500000) : interval_us_(min_interval_us) {}

    // True when the caller should send a PLI now: the first request, or the
    // previous one is at least the interval old. Otherwise the request is
    // remembered as pending.
    bool request(int64_t now_us);
    // True (once) when a pending request's interval has passed: send it now.
    bool retryDue(int64_t now_us);
    // A keyframe arrived: pending requests are satisfied.
    void onKeyframe() { pending_.store(false, std::memory_order_relaxed); }
    bool pending() const { return pending_.load(std::memory_order_relaxed); }

private:
    static constexpr int64_t kNever = std::numeric_limits<int64_t>::min();

    bool claim(int64_t now_us); // the one caller allowed to send at now_us

    const int64_t interval_us_;
    std::atomic<int64_t> last_sent_us_{kNever};
    std::atomic<bool> pending_{false};
};

} // namespace portunus::media
