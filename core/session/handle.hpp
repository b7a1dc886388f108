// A handle: one client session's attachment to one plugin. It owns the C view
// (portunus_handle) that plugins hold, and — from the media issue on — at most
// one PeerConnection.
#pragma once

#include "observe/log.hpp"
#include "session/peer_connection.hpp"

#include <portunus/plugin.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

namespace portunus {
class Handle;
class Session;
class Loop;
} // namespace portunus

// The opaque type of plugin.h, defined by the host.
struct portunus_handle {
    portunus::Handle *owner;
};

namespace portunus {

// How a handle reports upward what a plugin asked of it (close its
// PeerConnection, end it), without knowing who owns it.
class HandleListener {
public:
    virtual ~HandleListener() = default;
    virtual void onHandleHangupRequested(Handle &handle, std::string_view reason) = 0;
    virtual void onHandleEndRequested(Handle &handle) = 0;
};

class Handle : public PeerConnection::Listener, public std::enable_shared_from_this<Handle> {
public:
    Handle(uint64_t id, std::weak_ptr<Session> session, uint64_t session_id,
           const portunus_plugin *plugin, std::string plugin_name, std::string opaque_id, Loop &loop,
           const MediaContext &media, HandleListener &listener)
        : id_(id), session_id_(session_id), session_(std::move(session)), plugin_(plugin),
          plugin_name_(std::move(plugin_name)), opaque_id_(std::move(opaque_id)), loop_(&loop), media_(media),
          listener_(&listener) {}
    Handle(const Handle &) = delete;
    Handle &operator=(const Handle &) = delete;

    uint64_t id() const { return id_; }
    uint64_t sessionId() const { return session_id_; }
    std::shared_ptr<Session> session() const { return session_.lock(); }
    const portunus_plugin &plugin() const { return *plugin_; }
    // The name the client attached with (a package or one of its aliases).
    const std::string &pluginName() const { return plugin_name_; }
    const std::string &opaqueId() const { return opaque_id_; }
    portunus_handle *raw() { return &raw_; }
    Loop &loop() const { return *loop_; }
    HandleListener &listener() const { return *listener_; }
    void setLoop(Loop &loop) { loop_ = &loop; }

    void *pluginData() const { return plugin_data_.load(std::memory_order_acquire); }
    void setPluginData(void *d) { plugin_data_.store(d, std::memory_order_release); }

    const std::string &claims() const { return claims_; }
    // Once, at attach, before anything else sees the handle.
    void setClaims(std::string claims);
    const log::Subject &subject() const { return subject_; }
    // The ids for this handle's log lines: session, handle and who it acts for.
    log::Ids logIds() const { return {session_id_, id_, subject_.user_uid.empty() ? nullptr : &subject_}; }

    // Cleared once the plugin has been told destroy_session; later plugin calls are refused.
    bool alive() const { return alive_.load(std::memory_order_acquire); }

    // Runs a control-plane plugin call (handle_message, query_session) unless
    // the handle is gone; never concurrently with destroy_session, so a
    // plugin is never asked about a handle it is freeing.
    template <typename F>
    bool callPlugin(F &&f) {
        std::lock_guard lock(plugin_call_mutex_);
        if (!alive()) return false;
        f();
        return true;
    }
    // Marks the handle dead and tells the plugin, once; false if already done.
    bool destroyInPlugin();
    // The plugin refused create_session: dead without telling it.
    void forgetUncreated() { alive_.store(false, std::memory_order_release); }

    static Handle *from(portunus_handle *raw) { return raw ? raw->owner : nullptr; }

    // A plugin's counted hold on this object's memory (retain_handle), so
    // other threads may still name it after destroy_session; host calls then
    // see !alive(). The last release may destroy the handle.
    void retainForPlugin();
    void releaseForPlugin();

    // Trickled ICE candidates kept until the PeerConnection exists ("" = end
    // of candidates). Bounded: a client trickling without end cannot grow memory.
    bool queueTrickle(std::string candidate);

    // The PeerConnection, created on the first offer either way (control plane).
    std::shared_ptr<PeerConnection> peer();
    std::shared_ptr<PeerConnection> existingPeer() const;
    // Closes it (if any) with `reason`; on its loop this happens now.
    void closePeer(const std::string &reason);
    // The PeerConnection for the media path: only on the handle's loop.
    PeerConnection *mediaPeer() const { return media_peer_; }

    // PeerConnection::Listener: events to the client, media to the plugin.
    void onPcCandidate(const std::string &mid, uint16_t mindex, const std::string &candidate) override;
    void onPcGatheringDone() override;
    void onPcUp() override;
    void onPcDown(const std::string &reason) override;
    void onPcMedia(const MediaLine &line, bool receiving) override;
    void onPcRtp(const portunus_rtp &packet) override;
    void onPcRtcp(const portunus_rtcp &packet) override;
    void onPcData(const portunus_data &message) override;
    void onPcSlowLink(const MediaLine &line, bool uplink, uint64_t lost) override;

private:
    uint64_t id_;
    uint64_t session_id_;
    std::weak_ptr<Session> session_;
    const portunus_plugin *plugin_;
    std::string plugin_name_;
    std::string opaque_id_;
    Loop *loop_;
    const MediaContext &media_;
    const std::chrono::steady_clock::time_point attached_ = std::chrono::steady_clock::now(); // call setup starts here
    HandleListener *listener_;
    portunus_handle raw_{this};
    std::atomic<void *> plugin_data_{nullptr};
    std::string claims_;
    log::Subject subject_;
    std::atomic<bool> alive_{true};
    std::mutex retain_mutex_; // guards retains_ and retained_self_
    uint32_t retains_ = 0;
    std::shared_ptr<Handle> retained_self_;
    std::mutex plugin_call_mutex_;
    mutable std::mutex peer_mutex_; // guards peer_ and trickles_
    std::shared_ptr<PeerConnection> peer_;
    std::vector<std::string> trickles_;
    PeerConnection *media_peer_ = nullptr; // set and cleared on the loop
};

} // namespace portunus
