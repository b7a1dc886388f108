#include "loop/glib_pump.hpp"

#include "observe/log.hpp"

#include <sys/epoll.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <mutex>

namespace portunus {

namespace {
// Which pump drives which context (a handful of loops; looked up on teardown only).
std::mutex g_pumps_mutex;
std::vector<std::pair<GMainContext *, GlibPump *>> g_pumps;

uint32_t toEpoll(gushort events) {
    uint32_t e = 0;
    if (events & G_IO_IN) e |= EPOLLIN;
    if (events & G_IO_PRI) e |= EPOLLPRI;
    if (events & G_IO_OUT) e |= EPOLLOUT;
    return e;
}
gushort fromEpoll(uint32_t e) {
    gushort r = 0;
    if (e & EPOLLIN) r |= G_IO_IN;
    if (e & EPOLLPRI) r |= G_IO_PRI;
    if (e & EPOLLOUT) r |= G_IO_OUT;
    if (e & EPOLLERR) r |= G_IO_ERR;
    if (e & EPOLLHUP) r |= G_IO_HUP;
    return r;
}
} // namespace

GlibPump::GlibPump(boost::asio::io_context &io)
    : io_(io), context_(g_main_context_new()), epoll_fd_(epoll_create1(EPOLL_CLOEXEC)), epoll_(io), timer_(io) {
    epoll_.assign(dup(epoll_fd_)); // asio watches a duplicate; we epoll_ctl/wait the original
    std::lock_guard lock(g_pumps_mutex);
    g_pumps.emplace_back(context_, this);
}

void GlibPump::resyncAfterClose(GMainContext *context) {
    std::lock_guard lock(g_pumps_mutex);
    for (auto &[c, pump] : g_pumps)
        if (c == context) pump->full_resync_ = true;
}

GlibPump::~GlibPump() {
    stop();
    {
        std::lock_guard lock(g_pumps_mutex);
        std::erase_if(g_pumps, [this](const auto &p) { return p.second == this; });
    }
    boost::system::error_code ec;
    epoll_.close(ec);
    close(epoll_fd_);
    g_main_context_unref(context_);
}

void GlibPump::start() {
    if (running_) return;
    running_ = true;
    g_main_context_acquire(context_); // this thread owns the context from now on
    prepareAndWait();
}

void GlibPump::stop() {
    if (!running_) return;
    running_ = false;
    boost::system::error_code ec;
    epoll_.cancel(ec);
    timer_.cancel();
    g_main_context_release(context_);
}

void GlibPump::prepareAndWait() {
    if (!running_) return;
    bool ready = g_main_context_prepare(context_, &max_priority_);
    gint timeout_ms = -1;
    for (;;) {
        gint n = g_main_context_query(context_, max_priority_, &timeout_ms, fds_.data(), static_cast<gint>(fds_.size()));
        if (static_cast<size_t>(n) <= fds_.size()) {
            fds_.resize(n);
            break;
        }
        fds_.resize(n);
    }
    syncEpoll();
    if (ready) timeout_ms = 0;
    if (!epoll_armed_) {
        epoll_armed_ = true;
        epoll_.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                          bindHandler(handler_memory_, [this](const boost::system::error_code &ec) {
                              epoll_armed_ = false;
                              if (!ec) iterate();
                          }));
    }
    if (timeout_ms < 0) return; // a later timer firing early only costs an empty iteration
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    if (timer_armed_ && timer_deadline_ <= deadline) return;
    timer_deadline_ = deadline;
    timer_.expires_at(deadline); // cancels a pending wait, whose handler then sees operation_aborted
    timer_armed_ = true;
    timer_.async_wait(bindHandler(handler_memory_, [this](const boost::system::error_code &ec) {
        if (ec) return; // moved earlier or stopped; the newer wait owns timer_armed_
        timer_armed_ = false;
        iterate();
    }));
}

void GlibPump::syncEpoll() {
    wanted_.clear();
    for (const auto &p : fds_) wanted_.emplace_back(p.fd, toEpoll(p.events));
    std::sort(wanted_.begin(), wanted_.end());
    // Several GPollFDs may watch one fd: merge their events.
    size_t n = 0;
    for (size_t i = 0; i < wanted_.size(); ++i) {
        if (n && wanted_[n - 1].first == wanted_[i].first) wanted_[n - 1].second |= wanted_[i].second;
        else wanted_[n++] = wanted_[i];
    }
    wanted_.resize(n);
    if (full_resync_) {
        full_resync_ = false;
        for (const auto &[fd, events] : registered_) epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
        registered_.clear();
    }
    // Walk both sorted lists: remove what is gone, add or change the rest.
    auto control = [this](int op, int fd, uint32_t events) {
        epoll_event ev{};
        ev.events = events;
        ev.data.fd = fd;
        epoll_ctl(epoll_fd_, op, fd, &ev);
    };
    size_t i = 0, j = 0;
    while (i < registered_.size() || j < wanted_.size()) {
        if (j == wanted_.size() || (i < registered_.size() && registered_[i].first < wanted_[j].first)) {
            control(EPOLL_CTL_DEL, registered_[i++].first, 0);
        } else if (i == registered_.size() || wanted_[j].first < registered_[i].first) {
            control(EPOLL_CTL_ADD, wanted_[j].first, wanted_[j].second);
            ++j;
        } else {
            // The same number may be a new file (closed and reopened): MOD, else ADD.
            if (registered_[i].second != wanted_[j].second) {
                epoll_event ev{};
                ev.events = wanted_[j].second;
                ev.data.fd = wanted_[j].first;
                if (epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, ev.data.fd, &ev) != 0) epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, ev.data.fd, &ev);
            }
            ++i;
            ++j;
        }
    }
    registered_.swap(wanted_);
}

void GlibPump::iterate() {
    if (!running_) return;
    std::array<epoll_event, 64> events;
    int n = epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()), 0);
    for (auto &p : fds_) p.revents = 0;
    for (int i = 0; i < n; ++i)
        for (auto &p : fds_)
            if (p.fd == events[i].data.fd) p.revents = fromEpoll(events[i].events) & (p.events | G_IO_ERR | G_IO_HUP);
    if (g_main_context_check(context_, max_priority_, fds_.data(), static_cast<gint>(fds_.size())))
        g_main_context_dispatch(context_);
    prepareAndWait();
}

} // namespace portunus
