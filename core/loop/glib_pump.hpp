// Drives a GLib main context (which libnice's agents run on) from a loop's
// io_context, so one thread serves both and neither starves: GLib's poll set
// is mirrored into one epoll fd that asio waits on, and GLib's next timeout
// becomes an asio timer. Everything here runs on the loop's thread.
#pragma once

#include "loop/handler_memory.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <glib.h>

#include <chrono>

#include <utility>
#include <vector>

namespace portunus {

class GlibPump {
public:
    explicit GlibPump(boost::asio::io_context &io);
    ~GlibPump();
    GlibPump(const GlibPump &) = delete;
    GlibPump &operator=(const GlibPump &) = delete;

    GMainContext *context() const { return context_; }

    // Someone closed sockets GLib was watching: a new socket may come back
    // under the same number, which epoll cannot tell from the old one (the
    // kernel dropped the old registration with the close). The next sync
    // registers every fd afresh. Safe from the loop thread of `context`.
    static void resyncAfterClose(GMainContext *context);
    // Call on the loop thread once it runs; the pump then re-arms itself.
    void start();
    void stop();

private:
    // One GLib iteration's prepare/query, then the waits it needs.
    void prepareAndWait();
    void iterate(); // check + dispatch what is ready, then prepareAndWait
    void syncEpoll();

    boost::asio::io_context &io_;
    GMainContext *context_;
    int epoll_fd_;
    boost::asio::posix::stream_descriptor epoll_;
    boost::asio::steady_timer timer_;
    std::vector<GPollFD> fds_;
    // fd -> epoll events, sorted by fd; reused so that a steady poll set
    // costs no allocation per iteration (this runs once per packet).
    std::vector<std::pair<int, uint32_t>> registered_;
    std::vector<std::pair<int, uint32_t>> wanted_;
    gint max_priority_ = 0;
    bool running_ = false;
    // Each wait stays armed until it fires, and the timer is moved only
    // earlier: no cancel/re-arm churn (and no handler allocation) per packet.
    bool full_resync_ = false;
    bool epoll_armed_ = false;
    bool timer_armed_ = false;
    std::chrono::steady_clock::time_point timer_deadline_;
    HandlerMemory<> handler_memory_; // the two waits' handlers, re-armed per event
};

} // namespace portunus
