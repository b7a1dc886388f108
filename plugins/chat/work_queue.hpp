// A queue feeding one worker thread: producers push from any thread, the
// worker takes what is there in batches, and close() lets it drain and end.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>

namespace portunus::chat {

template <typename T>
class WorkQueue {
public:
    void push(T item) {
        {
            std::lock_guard lock(mutex_);
            items_.push_back(std::move(item));
        }
        wake_.notify_one();
    }
    void close() {
        {
            std::lock_guard lock(mutex_);
            closed_ = true;
        }
        wake_.notify_all();
    }
    // Waits for work; moves up to `max` items into `out`. False once closed and drained.
    bool take(std::deque<T> &out, size_t max) {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return closed_ || !items_.empty(); });
        if (items_.empty()) return false;
        while (!items_.empty() && out.size() < max) {
            out.push_back(std::move(items_.front()));
            items_.pop_front();
        }
        return true;
    }

private:
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<T> items_;
    bool closed_ = false;
};

} // namespace portunus::chat
