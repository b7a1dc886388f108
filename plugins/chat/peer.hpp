// One client handle attached to the chat plugin, and how to reach it: replies
// and events go back the way the client spoke — as plugin events over the
// Janus API (signaling) or as text on its data channel (textroom).
#pragma once

#include "ticket_claims.hpp"

#include <portunus/plugin.hpp>

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace portunus::chat {

enum class Front { signaling, datachannel };

class Peer {
public:
    Peer(const portunus_host &host, portunus::Handle handle);

    // Sends `json` to the client; `transaction` ties a signaling reply to its request.
    void send(Front front, std::string_view transaction, std::string_view json, std::string_view jsep = {}) const;
    // The data channel the client speaks on (the label of its last message).
    void setLabel(std::string_view label);
    uint64_t handleId() const { return host_.handle_id(ref_.get().raw()); }

    // The handle's join-ticket claims, nullopt without a ticket: then the
    // room's secret decides, as in Janus textroom.
    const std::optional<plugins::TicketClaims> ticket;

    // Guarded by the chat service's mutex: the rooms this handle joined and as whom.
    std::map<uint64_t, std::string> rooms;

private:
    const portunus_host &host_;
    portunus::HandleRef ref_; // the handle's memory outlives replies still in flight
    mutable std::mutex label_mutex_;
    std::string label_;
};

} // namespace portunus::chat
