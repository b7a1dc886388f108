#include "portunus/media/keyframe_requester.hpp"

namespace portunus::media {

bool KeyframeRequester::claim(int64_t now_us) {
    int64_t last = last_sent_us_.load(std::memory_order_relaxed);
    do {
        // A caller whose clock reads earlier than the last send (another loop's
        // `now`) is within the interval too.
        if (last != kNever && now_us - last < interval_us_) return false;
    } while (!last_sent_us_.compare_exchange_weak(last, now_us, std::memory_order_relaxed));
    return true;
}

bool KeyframeRequester::request(int64_t now_us) {
    if (claim(now_us)) {
        pending_.store(false, std::memory_order_relaxed); // what was pending goes out with this one
        return true;
    }
    pending_.store(true, std::memory_order_relaxed);
    return false;
}

bool KeyframeRequester::retryDue(int64_t now_us) {
    if (!pending_.load(std::memory_order_relaxed) || !claim(now_us)) return false;
    pending_.store(false, std::memory_order_relaxed);
    return true;
}

} // namespace portunus::media
