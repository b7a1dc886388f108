// One event loop thread: a boost::asio::io_context run by one thread. A
// PeerConnection and its timers stay on one loop for their whole life.
#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <future>
#include <optional>
#include <thread>

namespace portunus {

class Loop {
public:
    explicit Loop(unsigned index);
    ~Loop();
    Loop(const Loop &) = delete;
    Loop &operator=(const Loop &) = delete;

    void start();
    // Lets queued work finish (at most `grace`), then joins the thread.
    void stop(std::chrono::milliseconds grace = std::chrono::milliseconds(2000));

    unsigned index() const { return index_; }
    boost::asio::io_context &context() { return context_; }
    bool isCurrentThread() const { return std::this_thread::get_id() == thread_.get_id(); }

private:
    unsigned index_;
    boost::asio::io_context context_{1}; // one thread runs it: no internal locking needed
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
    std::thread thread_;
    std::future<void> finished_;
};

} // namespace portunus
