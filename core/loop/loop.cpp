#include "loop/loop.hpp"

#include "observe/log.hpp"

#include <boost/asio/post.hpp>

#include <pthread.h>

#include <string>

namespace portunus {

Loop::Loop(unsigned index) : index_(index) {}

Loop::~Loop() { stop(); }

void Loop::start() {
    work_.emplace(context_.get_executor());
    boost::asio::post(context_, [this] { glib_.start(); });
    std::promise<void> finished;
    finished_ = finished.get_future();
    thread_ = std::thread([this, finished = std::move(finished)]() mutable {
        struct Done {
            std::promise<void> &p;
            ~Done() { p.set_value(); }
        } done{finished};
        std::string name = "loop-" + std::to_string(index_);
        pthread_setname_np(pthread_self(), name.c_str());
        for (;;) {
            try {
                context_.run();
                return;
            } catch (const std::exception &e) {
                // A handler that throws must not take the loop down with it.
                PLOG_ERROR("loop", {}, "loop {} handler threw: {}", index_, e.what());
            }
        }
    });
}

void Loop::stop(std::chrono::milliseconds grace) {
    if (!thread_.joinable()) return;
    // The pump always has a wait pending; stop it so the context can run dry.
    boost::asio::post(context_, [this] { glib_.stop(); });
    work_.reset();
    if (isCurrentThread()) {
        thread_.detach();
        return;
    }
    // Let in-flight work (closing handshakes, last events) finish, but never
    // let a silent peer hold shutdown hostage.
    if (finished_.wait_for(grace) != std::future_status::ready) {
        PLOG_WARN("loop", {}, "loop {} still busy after {} ms, stopping it", index_, grace.count());
        context_.stop();
    }
    thread_.join();
}

} // namespace portunus
