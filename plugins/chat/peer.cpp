#include "peer.hpp"

namespace portunus::chat {

namespace {

std::string_view claimsOf(const portunus_host &host, portunus::Handle handle) {
    const char *claims = host.handle_claims(handle.raw());
    return claims ? std::string_view(claims) : std::string_view();
}

} // namespace

Peer::Peer(const portunus_host &host, portunus::Handle handle)
    : ticket(plugins::parseTicketClaims(claimsOf(host, handle))), host_(host), ref_(host, handle) {}

void Peer::send(Front front, std::string_view transaction, std::string_view json, std::string_view jsep) const {
    portunus_handle *h = ref_.get().raw();
    if (front == Front::signaling) {
        std::string tx(transaction);
        host_.push_event(h, tx.empty() ? nullptr : tx.c_str(), json.data(), json.size(), jsep.empty() ? nullptr : jsep.data(),
                         jsep.size());
        return;
    }
    std::string label;
    {
        std::lock_guard lock(label_mutex_);
        label = label_;
    }
    portunus_data message{};
    message.data = reinterpret_cast<const uint8_t *>(json.data());
    message.length = static_cast<uint32_t>(json.size());
    message.label = label.c_str();
    message.protocol = "";
    host_.relay_data(h, &message);
}

void Peer::setLabel(std::string_view label) {
    std::lock_guard lock(label_mutex_);
    if (label_ != label) label_ = std::string(label);
}

} // namespace portunus::chat
