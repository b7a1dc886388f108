#include "session/session_manager.hpp"

#include "api/api_error.hpp"
#include "session/client_events.hpp"
#include "loop/loop_pool.hpp"
#include "observe/log.hpp"

#include <fmt/format.h>

#include <boost/asio/post.hpp>

namespace portunus {

namespace {
// Janus clients are JavaScript: ids must stay exact in a double.
constexpr uint64_t kMaxJsSafeId = (uint64_t(1) << 53) - 1;

} // namespace

SessionManager::SessionManager(LoopPool &loops, const MediaContext &media, size_t max_queued_events)
    : loops_(loops), media_(media), max_queued_(max_queued_events), rng_(std::random_device{}()) {}

SessionManager::~SessionManager() = default;

uint64_t SessionManager::randomId() {
    std::uniform_int_distribution<uint64_t> dist(1, kMaxJsSafeId);
    for (;;) {
        uint64_t id = dist(rng_);
        if (!sessions_.count(id) && !handles_.count(id)) return id;
    }
}

std::shared_ptr<Session> SessionManager::create(std::optional<uint64_t> wanted_id) {
    std::lock_guard lock(mutex_);
    uint64_t id = wanted_id.value_or(0);
    if (id && (sessions_.count(id) || id > kMaxJsSafeId))
        throw api::ApiError(api::ErrorCode::session_conflict, fmt::format("Session ID already in use: {}", id));
    if (!id) id = randomId();
    auto session = std::make_shared<Session>(id, max_queued_);
    sessions_[id] = session;
    PLOG_INFO("session", {id}, "created");
    if (listener_) listener_->onSessionCreated(id);
    return session;
}

std::shared_ptr<Session> SessionManager::find(uint64_t id) const {
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(id);
    return it == sessions_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<Session>> SessionManager::all() const {
    std::lock_guard lock(mutex_);
    std::vector<std::shared_ptr<Session>> out;
    for (const auto &[id, s] : sessions_) out.push_back(s);
    return out;
}

size_t SessionManager::count() const {
    std::lock_guard lock(mutex_);
    return sessions_.size();
}

std::shared_ptr<Handle> SessionManager::findHandle(uint64_t handle_id) const {
    std::lock_guard lock(mutex_);
    auto it = handles_.find(handle_id);
    return it == handles_.end() ? nullptr : it->second.lock();
}

std::shared_ptr<Handle> SessionManager::attach(Session &session, const portunus_plugin &plugin,
                                               const std::string &name, const std::string &opaque_id,
                                               std::string claims) {
    std::shared_ptr<Handle> handle;
    {
        std::lock_guard lock(mutex_);
        handle = std::make_shared<Handle>(randomId(), session.weak_from_this(), session.id(), &plugin,
                                          name, opaque_id, loops_.next(), media_, *this);
        handles_[handle->id()] = handle;
    }
    handle->setClaims(std::move(claims)); // before the plugin's create_session, which may read them
    auto forget = [&] {
        handle->forgetUncreated();
        std::lock_guard lock(mutex_);
        handles_.erase(handle->id());
    };
    try {
        roster_.enter(handle->subject(), handle->id());
    } catch (...) {
        forget();
        throw;
    }
    char error[256] = "";
    if (plugin.create_session(handle->raw(), error, sizeof error) != 0) {
        roster_.leave(handle->subject(), handle->id());
        forget();
        throw api::ApiError(api::ErrorCode::plugin_attach,
                            fmt::format("Error attaching plugin: {}", error[0] ? error : "refused by the plugin"));
    }
    session.addHandle(handle);
    PLOG_INFO("session", handle->logIds(), "attached to {}", name);
    if (listener_) listener_->onHandleAttached(*handle);
    return handle;
}

void SessionManager::hangup(Handle &handle, std::string_view reason) { handle.closePeer(std::string(reason)); }

void SessionManager::detach(Session &session, Handle &handle, bool notify) {
    if (!session.removeHandle(handle.id())) return;
    roster_.leave(handle.subject(), handle.id());
    auto finish = [this, session = session.shared_from_this(), handle = handle.shared_from_this(), notify] {
        handle->closePeer("Detached"); // on the handle's loop: the client hears "hangup" first
        handle->destroyInPlugin();
        if (listener_) listener_->onHandleDestroyed(*handle);
        {
            std::lock_guard lock(mutex_);
            handles_.erase(handle->id());
        }
        PLOG_INFO("session", handle->logIds(), "detached");
        if (notify) session->pushEvent(events::detached(session->id(), handle->id()));
    };
    // With a PeerConnection, media callbacks run on the handle's loop: destroy
    // there too, so the plugin never frees a handle that a packet is using.
    if (!handle.existingPeer() || handle.loop().isCurrentThread()) {
        finish();
        return;
    }
    {
        std::lock_guard lock(mutex_);
        ++pending_detaches_;
    }
    boost::asio::post(handle.loop().context(), [this, finish] {
        finish();
        std::lock_guard lock(mutex_);
        if (--pending_detaches_ == 0) detaches_done_.notify_all();
    });
}

void SessionManager::onHandleHangupRequested(Handle &handle, std::string_view reason) { hangup(handle, reason); }

void SessionManager::onHandleEndRequested(Handle &handle) {
    auto session = handle.session();
    if (!session) return;
    auto keep = session->handle(handle.id());
    if (!keep) return;
    // The plugin may be calling from inside one of its own callbacks; detaching
    // re-enters it (destroy_session), so do it once that call has returned.
    boost::asio::post(handle.loop().context(), [this, session, keep] { detach(*session, *keep, true); });
}

void SessionManager::destroy(Session &session, bool notify) {
    if (!session.markDestroyed()) return;
    destroyMarked(session, notify);
}

void SessionManager::destroyMarked(Session &session, bool notify) {
    for (auto &h : session.handles()) {
        hangup(*h, "Session destroyed");
        detach(session, *h, notify);
    }
    session.closePolls();
    std::lock_guard lock(mutex_);
    sessions_.erase(session.id());
    PLOG_INFO("session", {session.id()}, "destroyed");
    if (listener_) listener_->onSessionDestroyed(session.id());
}

void SessionManager::destroyOwnedBy(const EventSink *sink) {
    for (auto &s : all())
        if (s->ownedBy(sink)) {
            PLOG_INFO("session", {s->id()}, "its WebSocket closed");
            destroy(*s, false);
        }
}

void SessionManager::startTimeouts(unsigned timeout_s) {
    timeout_s_ = timeout_s;
    if (!timeout_s) return;
    sweep_timer_ = std::make_unique<boost::asio::steady_timer>(loops_.control().context());
    sweep();
}

void SessionManager::sweep() {
    sweep_timer_->expires_after(std::chrono::seconds(1));
    sweep_timer_->async_wait(bindHandler(sweep_memory_, [this](const boost::system::error_code &ec) {
        if (ec) return;
        auto deadline = Session::Clock::now() - std::chrono::seconds(timeout_s_);
        // Collect the expired under the lock (into a reused vector: this runs
        // every second on a media loop), act on them outside it.
        expired_.clear();
        {
            std::lock_guard lock(mutex_);
            for (const auto &[id, s] : sessions_)
                if (s->lastActivity() <= deadline) expired_.push_back(s);
        }
        for (auto &s : expired_) {
            // Gone first, so a request racing the event already gets 458.
            if (!s->markDestroyed()) continue;
            PLOG_INFO("session", {s->id()}, "timed out after {} s without keepalive", timeout_s_);
            s->pushEvent(events::timeout(s->id()));
            destroyMarked(*s, true);
        }
        expired_.clear();
        sweep();
    }));
}

void SessionManager::stop() {
    if (sweep_timer_) {
        auto *timer = sweep_timer_.get();
        boost::asio::post(loops_.control().context(), [timer] { timer->cancel(); });
    }
    for (auto &s : all()) destroy(*s, true);
    std::unique_lock lock(mutex_);
    detaches_done_.wait(lock, [this] { return pending_detaches_ == 0; });
}

} // namespace portunus
