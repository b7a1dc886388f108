#include "loop/glib_pump.hpp"

#include "observe/log.hpp"

#include <sys/epoll.h>
#include <unistd.h>

#include <array>

namespace portunus {

namespace {
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
}

GlibPump::~GlibPump() {
    stop();
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
    ++generation_;
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
    unsigned generation = ++generation_;
    if (ready) timeout_ms = 0;
    epoll_.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                      [this, generation](const boost::system::error_code &ec) {
                          if (!ec) onReady(generation);
                      });
    if (timeout_ms >= 0) {
        timer_.expires_after(std::chrono::milliseconds(timeout_ms));
        timer_.async_wait([this, generation](const boost::system::error_code &ec) {
            if (!ec) onReady(generation);
        });
    }
}

void GlibPump::syncEpoll() {
    std::unordered_map<int, uint32_t> wanted;
    for (const auto &p : fds_) wanted[p.fd] |= toEpoll(p.events);
    for (auto it = registered_.begin(); it != registered_.end();) {
        if (!wanted.count(it->first)) {
            epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, it->first, nullptr);
            it = registered_.erase(it);
        } else {
            ++it;
        }
    }
    for (const auto &[fd, events] : wanted) {
        auto it = registered_.find(fd);
        if (it != registered_.end() && it->second == events) continue;
        epoll_event ev{};
        ev.events = events;
        ev.data.fd = fd;
        int op = it == registered_.end() ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
        if (epoll_ctl(epoll_fd_, op, fd, &ev) != 0 && op == EPOLL_CTL_MOD) epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &ev);
        registered_[fd] = events;
    }
}

void GlibPump::onReady(unsigned generation) {
    if (!running_ || generation != generation_) return; // the other wait fired first
    ++generation_;
    boost::system::error_code ec;
    epoll_.cancel(ec);
    timer_.cancel();
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
