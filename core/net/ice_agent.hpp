// ICE for one PeerConnection (libnice on its loop's GLib context): one stream,
// one component (BUNDLE + rtcp-mux), trickle both ways, full or lite, restart,
// consent freshness. Loop-confined: call it and hear from it on that loop.
#pragma once

#include "net/ice_config.hpp"

#include <glib.h>

#include <cstdint>
#include <string>

typedef struct _NiceAgent NiceAgent;
typedef struct _NiceCandidate NiceCandidate;

namespace portunus::net {

class IceAgent {
public:
    enum class State { idle, gathering, connecting, connected, ready, failed, closed };

    class Listener {
    public:
        virtual ~Listener() = default;
        // A local candidate as an SDP attribute value ("candidate:…").
        virtual void onIceCandidate(const std::string &candidate) = 0;
        virtual void onIceGatheringDone() = 0;
        virtual void onIceStateChanged(State state) = 0;
        // A non-STUN datagram from the peer; `data` is valid during the call.
        virtual void onIcePacket(const uint8_t *data, size_t length) = 0;
    };

    // `context` is the loop's GMainContext. The server answers, so it is the
    // controlled side; a client built on the core (tests, load generator) controls.
    IceAgent(GMainContext *context, const IceConfig &config, Listener &listener, bool controlling = false);
    ~IceAgent();
    IceAgent(const IceAgent &) = delete;
    IceAgent &operator=(const IceAgent &) = delete;

    // Random ICE credentials: ufrag (8 chars) and password (24 chars).
    static std::string randomCredential(size_t length);
    // Replaces the generated local credentials (before start or restart).
    void setLocalCredentials(const std::string &ufrag, const std::string &password);

    const std::string &localUfrag() const { return ufrag_; }
    const std::string &localPassword() const { return password_; }
    bool lite() const { return config_.lite; }

    // Starts connectivity with the peer's credentials and gathers our candidates.
    bool start(const std::string &remote_ufrag, const std::string &remote_password, std::string &error);
    // "candidate:…" (with or without "a="); false when libnice cannot parse it.
    bool addRemoteCandidate(const std::string &candidate);
    void remoteGatheringDone();
    // ICE restart: new local credentials (set before with setLocalCredentials,
    // or generated), the peer's new ones; candidates are announced again.
    bool restart(const std::string &remote_ufrag, const std::string &remote_password, std::string &error);

    // Sends a datagram on the selected pair; false when there is none yet.
    bool send(const uint8_t *data, size_t length);

    State state() const { return state_; }
    static const char *stateName(State s);
    // "ip:port typ" of the selected local and remote candidates, "" before.
    const std::string &selectedLocal() const { return selected_local_; }
    const std::string &selectedRemote() const { return selected_remote_; }

    // libnice signal entry points (C callbacks).
    static void onCandidate(NiceAgent *, NiceCandidate *, void *self);
    static void onGatheringDone(NiceAgent *, unsigned stream, void *self);
    static void onComponentState(NiceAgent *, unsigned stream, unsigned component, unsigned state, void *self);
    static void onSelectedPair(NiceAgent *, unsigned stream, unsigned component, NiceCandidate *local,
                               NiceCandidate *remote, void *self);
    static void onReceive(NiceAgent *, unsigned stream, unsigned component, unsigned length, char *data,
                          void *self);

private:
    void applyCredentials();
    std::string publicCandidate(std::string candidate) const;

    IceConfig config_;
    Listener &listener_;
    GMainContext *context_;
    NiceAgent *agent_ = nullptr;
    unsigned stream_ = 0;
    std::string ufrag_;
    std::string password_;
    State state_ = State::idle;
    std::string selected_local_;
    std::string selected_remote_;
};

} // namespace portunus::net
