#include "room.hpp"

namespace portunus::sfu {

PublisherStream *Participant::stream(const std::string &mid) {
    for (auto &s : streams)
        if (s.mid == mid) return &s;
    return nullptr;
}

Participant *Room::participant(uint64_t id) {
    auto it = participants.find(id);
    return it == participants.end() ? nullptr : it->second.get();
}

Participant &Room::member(uint64_t id) {
    if (Participant *p = participant(id)) return *p;
    throw SfuError(kErrorNoSuchFeed, "No such user " + std::to_string(id) + " in room " + std::to_string(config.id));
}

size_t Room::publisherCount() const {
    size_t n = 0;
    for (const auto &[id, p] : participants) n += p->publishing() ? 1 : 0;
    return n;
}

Handle Room::anchor() const {
    for (const auto &[id, p] : participants)
        if (p->handle) return p->handle.get();
    for (const auto &s : subscriptions)
        if (s->handle) return s->handle.get();
    return {};
}

void Room::checkSecret(const Value &request) const {
    if (config.secret.empty()) return;
    auto secret = optString(request, "secret");
    if (!secret) throw SfuError(kErrorMissingElement, "Missing mandatory element (secret)");
    if (*secret != config.secret) throw SfuError(kErrorUnauthorized, "Unauthorized (wrong secret)");
}

} // namespace portunus::sfu
