#include "net/ice_agent.hpp"

#include "loop/glib_pump.hpp"
#include "observe/log.hpp"

#include <agent.h>
#include <openssl/rand.h>

#include <algorithm>
#include <sstream>

namespace portunus::net {

namespace {

std::string describe(NiceCandidate *c) {
    char ip[NICE_ADDRESS_STRING_LEN] = "";
    nice_address_to_string(&c->addr, ip);
    static constexpr const char *kTypes[] = {"host", "srflx", "prflx", "relay"};
    return std::string(ip) + ":" + std::to_string(nice_address_get_port(&c->addr)) + " " +
           (c->type <= NICE_CANDIDATE_TYPE_RELAYED ? kTypes[c->type] : "?");
}

// libnice adds its timers to the context from whichever call we make; GLib
// only wakes a context's poll for sources added from another thread, and the
// loop's pump waits on an earlier timeout. Wake it so it sees the new ones.
struct WakeOnExit {
    GMainContext *context;
    ~WakeOnExit() { g_main_context_wakeup(context); }
};

std::string stripAttribute(const std::string &candidate) {
    return candidate.rfind("a=", 0) == 0 ? candidate.substr(2) : candidate;
}

} // namespace

IceAgent::IceAgent(GMainContext *context, const IceConfig &config, Listener &listener, bool controlling)
    : config_(config), listener_(listener), context_(context) {
    auto options = static_cast<NiceAgentOption>(NICE_AGENT_OPTION_ICE_TRICKLE | NICE_AGENT_OPTION_CONSENT_FRESHNESS |
                                                (config_.lite ? NICE_AGENT_OPTION_LITE_MODE : 0));
    agent_ = nice_agent_new_full(context_, NICE_COMPATIBILITY_RFC5245, options);
    // UDP only, no UPnP.
    g_object_set(agent_, "controlling-mode", controlling ? TRUE : FALSE, "upnp", FALSE, "ice-tcp", FALSE, nullptr);
    for (const auto &ip : config_.local_addresses) {
        NiceAddress a;
        nice_address_init(&a);
        if (nice_address_set_from_string(&a, ip.c_str())) nice_agent_add_local_address(agent_, &a);
    }
    stream_ = nice_agent_add_stream(agent_, 1);
    if (config_.port_min || config_.port_max)
        nice_agent_set_port_range(agent_, stream_, 1, config_.port_min, config_.port_max);
    if (!config_.turn_server.empty())
        nice_agent_set_relay_info(agent_, stream_, 1, config_.turn_server.c_str(), config_.turn_port,
                                  config_.turn_user.c_str(), config_.turn_password.c_str(), NICE_RELAY_TYPE_TURN_UDP);
    g_signal_connect(agent_, "new-candidate-full", G_CALLBACK(&IceAgent::onCandidate), this);
    g_signal_connect(agent_, "candidate-gathering-done", G_CALLBACK(&IceAgent::onGatheringDone), this);
    g_signal_connect(agent_, "component-state-changed", G_CALLBACK(&IceAgent::onComponentState), this);
    g_signal_connect(agent_, "new-selected-pair-full", G_CALLBACK(&IceAgent::onSelectedPair), this);
    nice_agent_attach_recv(agent_, stream_, 1, context_, reinterpret_cast<NiceAgentRecvFunc>(&IceAgent::onReceive), this);
    setLocalCredentials(randomCredential(8), randomCredential(24));
}

IceAgent::~IceAgent() {
    g_signal_handlers_disconnect_by_data(agent_, this);
    nice_agent_attach_recv(agent_, stream_, 1, context_, nullptr, nullptr);
    nice_agent_remove_stream(agent_, stream_);
    g_object_unref(agent_);
    // Our sockets are closed; their numbers may come back for the next agent.
    GlibPump::resyncAfterClose(context_);
}

const char *IceAgent::stateName(State s) {
    switch (s) {
    case State::idle: return "idle";
    case State::gathering: return "gathering";
    case State::connecting: return "connecting";
    case State::connected: return "connected";
    case State::ready: return "ready";
    case State::failed: return "failed";
    case State::closed: return "closed";
    }
    return "?";
}

std::string IceAgent::randomCredential(size_t length) {
    static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    unsigned char bytes[64];
    length = std::min<size_t>(length, sizeof bytes);
    RAND_bytes(bytes, static_cast<int>(length));
    std::string s;
    for (size_t i = 0; i < length; ++i) s += kChars[bytes[i] % 64];
    return s;
}

void IceAgent::setLocalCredentials(const std::string &ufrag, const std::string &password) {
    ufrag_ = ufrag;
    password_ = password;
    applyCredentials();
}

void IceAgent::applyCredentials() {
    nice_agent_set_local_credentials(agent_, stream_, ufrag_.c_str(), password_.c_str());
}

bool IceAgent::start(const std::string &remote_ufrag, const std::string &remote_password, std::string &error) {
    WakeOnExit wake{context_};
    if (!nice_agent_set_remote_credentials(agent_, stream_, remote_ufrag.c_str(), remote_password.c_str())) {
        error = "invalid remote ICE credentials";
        return false;
    }
    state_ = State::gathering;
    if (!nice_agent_gather_candidates(agent_, stream_)) {
        error = "cannot gather ICE candidates (no usable address or port)";
        state_ = State::failed;
        return false;
    }
    return true;
}

bool IceAgent::restart(const std::string &remote_ufrag, const std::string &remote_password, std::string &error) {
    WakeOnExit wake{context_};
    if (!nice_agent_restart_stream(agent_, stream_)) {
        error = "ICE restart failed";
        return false;
    }
    applyCredentials(); // restart_stream drew new ones; ours are already in the answer
    selected_local_.clear();
    selected_remote_.clear();
    if (!nice_agent_set_remote_credentials(agent_, stream_, remote_ufrag.c_str(), remote_password.c_str())) {
        error = "invalid remote ICE credentials";
        return false;
    }
    // The host candidates stay; tell the peer about them again.
    GSList *locals = nice_agent_get_local_candidates(agent_, stream_, 1);
    for (GSList *i = locals; i; i = i->next) onCandidate(agent_, static_cast<NiceCandidate *>(i->data), this);
    g_slist_free_full(locals, reinterpret_cast<GDestroyNotify>(&nice_candidate_free));
    listener_.onIceGatheringDone();
    return true;
}

bool IceAgent::addRemoteCandidate(const std::string &candidate) {
    WakeOnExit wake{context_};
    // libnice parses the SDP attribute form only.
    std::string line = "a=" + stripAttribute(candidate);
    NiceCandidate *c = nice_agent_parse_remote_candidate_sdp(agent_, stream_, line.c_str());
    if (!c) return false;
    if (c->component_id == 1) {
        GSList list{c, nullptr};
        nice_agent_set_remote_candidates(agent_, stream_, 1, &list);
    }
    nice_candidate_free(c);
    return true;
}

void IceAgent::remoteGatheringDone() {
    WakeOnExit wake{context_};
    nice_agent_peer_candidate_gathering_done(agent_, stream_);
}

bool IceAgent::send(const uint8_t *data, size_t length) {
    return nice_agent_send(agent_, stream_, 1, static_cast<guint>(length), reinterpret_cast<const gchar *>(data)) >= 0;
}

std::string IceAgent::publicCandidate(std::string candidate) const {
    if (config_.public_ip.empty() || candidate.find(" typ host") == std::string::npos) return candidate;
    // candidate:<foundation> <component> <transport> <priority> <address> <port> typ host …
    std::istringstream in(candidate);
    std::string tokens[5];
    for (auto &t : tokens) in >> t;
    size_t start = tokens[0].size() + tokens[1].size() + tokens[2].size() + tokens[3].size() + 4;
    return candidate.replace(start, tokens[4].size(), config_.public_ip);
}

void IceAgent::onCandidate(NiceAgent *agent, NiceCandidate *candidate, void *p) {
    auto *self = static_cast<IceAgent *>(p);
    if (candidate->component_id != 1) return;
    gchar *sdp = nice_agent_generate_local_candidate_sdp(agent, candidate);
    if (!sdp) return;
    std::string line = self->publicCandidate(stripAttribute(sdp));
    g_free(sdp);
    self->listener_.onIceCandidate(line);
}

void IceAgent::onGatheringDone(NiceAgent *, unsigned, void *p) { static_cast<IceAgent *>(p)->listener_.onIceGatheringDone(); }

void IceAgent::onComponentState(NiceAgent *, unsigned, unsigned, unsigned state, void *p) {
    auto *self = static_cast<IceAgent *>(p);
    State s = self->state_;
    switch (state) {
    case NICE_COMPONENT_STATE_GATHERING: s = State::gathering; break;
    case NICE_COMPONENT_STATE_CONNECTING: s = State::connecting; break;
    case NICE_COMPONENT_STATE_CONNECTED: s = State::connected; break;
    case NICE_COMPONENT_STATE_READY: s = State::ready; break;
    case NICE_COMPONENT_STATE_FAILED: s = State::failed; break;
    default: return;
    }
    if (s == self->state_) return;
    self->state_ = s;
    self->listener_.onIceStateChanged(s);
}

void IceAgent::onSelectedPair(NiceAgent *, unsigned, unsigned, NiceCandidate *local, NiceCandidate *remote, void *p) {
    auto *self = static_cast<IceAgent *>(p);
    self->selected_local_ = describe(local);
    self->selected_remote_ = describe(remote);
}

void IceAgent::onReceive(NiceAgent *, unsigned, unsigned, unsigned length, char *data, void *p) {
    static_cast<IceAgent *>(p)->listener_.onIcePacket(reinterpret_cast<const uint8_t *>(data), length);
}

} // namespace portunus::net
