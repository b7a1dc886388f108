// One event loop thread: a boost::asio::io_context run by one thread, which
// also drives the loop's GLib main context (libnice). A PeerConnection and its
// timers stay on one loop for their whole life.
#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "loop/glib_pump.hpp"

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
    // The GLib context of this loop, for libnice agents created on it.
    GMainContext *glibContext() const { return glib_.context(); }
    bool isCurrentThread() const { return std::this_thread::get_id() == thread_.get_id(); }

private:
    unsigned index_;
    boost::asio::io_context context_{1}; // one thread runs it
    GlibPump glib_{context_};
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
    std::thread thread_;
    std::future<void> finished_;
};

} // namespace portunus
