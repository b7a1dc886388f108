#include "session/session.hpp"

#include "observe/log.hpp"

namespace portunus {

Session::Session(uint64_t id, size_t max_queued_events)
    : id_(id), max_queued_(max_queued_events), last_activity_(Clock::now()) {}

void Session::touch() {
    std::lock_guard lock(mutex_);
    last_activity_ = Clock::now();
}

Session::Clock::time_point Session::lastActivity() const {
    std::lock_guard lock(mutex_);
    return last_activity_;
}

void Session::setSink(const std::shared_ptr<EventSink> &sink) {
    std::vector<std::string> backlog;
    {
        std::lock_guard lock(mutex_);
        sink_ = sink;
        backlog.assign(std::make_move_iterator(queue_.begin()), std::make_move_iterator(queue_.end()));
        queue_.clear();
    }
    for (auto &e : backlog) sink->sendEvent(std::move(e));
}

bool Session::ownedBy(const EventSink *sink) const {
    std::lock_guard lock(mutex_);
    return sink_.lock().get() == sink;
}

void Session::pushEvent(std::string json) {
    std::shared_ptr<EventSink> sink;
    PollCallback callback;
    std::vector<std::string> batch;
    {
        std::lock_guard lock(mutex_);
        if (hold_ > 0) {
            held_.push_back(std::move(json));
            return;
        }
        sink = sink_.lock();
        if (!sink) {
            if (queue_.size() >= max_queued_) {
                queue_.pop_front();
                PLOG_WARN("session", {id_}, "event queue full ({}), dropped the oldest event", max_queued_);
            }
            queue_.push_back(std::move(json));
            if (polls_.empty()) return;
            Poll p = std::move(polls_.front());
            polls_.pop_front();
            batch = takeLocked(p.max);
            callback = std::move(p.callback);
        }
    }
    if (sink) sink->sendEvent(std::move(json));
    else callback(std::move(batch));
}

void Session::holdEvents() {
    std::lock_guard lock(mutex_);
    ++hold_;
}

void Session::releaseEvents() {
    std::vector<std::string> held;
    {
        std::lock_guard lock(mutex_);
        if (--hold_ > 0) return;
        held.swap(held_);
    }
    for (auto &e : held) pushEvent(std::move(e));
}

uint64_t Session::poll(size_t max, PollCallback callback) {
    std::vector<std::string> batch;
    uint64_t id;
    {
        std::lock_guard lock(mutex_);
        last_activity_ = Clock::now();
        id = next_poll_id_++;
        if (queue_.empty()) {
            polls_.push_back({id, max, std::move(callback)});
            return id;
        }
        batch = takeLocked(max);
    }
    callback(std::move(batch));
    return id;
}

bool Session::cancelPoll(uint64_t poll_id) {
    std::lock_guard lock(mutex_);
    for (auto it = polls_.begin(); it != polls_.end(); ++it)
        if (it->id == poll_id) {
            polls_.erase(it);
            last_activity_ = Clock::now(); // a long-poll is a keepalive
            return true;
        }
    return false;
}

void Session::closePolls() {
    std::vector<std::pair<PollCallback, std::vector<std::string>>> answers;
    {
        std::lock_guard lock(mutex_);
        for (auto &p : polls_) answers.emplace_back(std::move(p.callback), takeLocked(p.max));
        polls_.clear();
    }
    for (auto &[callback, events] : answers) callback(std::move(events));
}

std::vector<std::string> Session::takeLocked(size_t max) {
    std::vector<std::string> out;
    while (!queue_.empty() && out.size() < max) {
        out.push_back(std::move(queue_.front()));
        queue_.pop_front();
    }
    return out;
}

void Session::addHandle(std::shared_ptr<Handle> handle) {
    std::lock_guard lock(mutex_);
    handles_[handle->id()] = std::move(handle);
}

std::shared_ptr<Handle> Session::handle(uint64_t id) const {
    std::lock_guard lock(mutex_);
    auto it = handles_.find(id);
    return it == handles_.end() ? nullptr : it->second;
}

std::shared_ptr<Handle> Session::removeHandle(uint64_t id) {
    std::lock_guard lock(mutex_);
    auto it = handles_.find(id);
    if (it == handles_.end()) return nullptr;
    auto h = std::move(it->second);
    handles_.erase(it);
    return h;
}

std::vector<std::shared_ptr<Handle>> Session::handles() const {
    std::lock_guard lock(mutex_);
    std::vector<std::shared_ptr<Handle>> out;
    for (const auto &[id, h] : handles_) out.push_back(h);
    return out;
}

size_t Session::queuedEvents() const {
    std::lock_guard lock(mutex_);
    return queue_.size();
}

bool Session::markDestroyed() {
    std::lock_guard lock(mutex_);
    if (destroyed_) return false;
    destroyed_ = true;
    return true;
}

bool Session::destroyed() const {
    std::lock_guard lock(mutex_);
    return destroyed_;
}

} // namespace portunus
