// chat: text rooms with server-assigned sequences, durable history, idempotent
// sends, receipts and typing. Clients attach to "portunus.plugin.chat" or
// Janus's "janus.plugin.textroom" and speak either over the Janus API
// ({"request": ...}) or, after "setup", over a data channel ({"textroom": ...}).
// The behaviour lives in ChatService; this file is the plugin's entry only.
#include "chat_service.hpp"

#include <portunus/plugin.hpp>

#include <memory>

namespace portunus::chat {
namespace {

class ChatPlugin final : public portunus::Plugin {
public:
    bool init(std::string_view config_json, std::string &error) override {
        ChatConfig config;
        if (!parseConfig(config_json, config, error)) return false;
        service_ = std::make_unique<ChatService>(*this, std::move(config));
        return service_->start(error);
    }

    void destroy() override {
        if (service_) service_->stop();
        service_.reset();
    }

    bool createSession(portunus::Handle h, std::string &) override {
        host().set_handle_data(h.raw(), new std::shared_ptr<Peer>(std::make_shared<Peer>(host(), h)));
        return true;
    }

    void destroySession(portunus::Handle h) override {
        std::unique_ptr<std::shared_ptr<Peer>> peer(slot(h));
        host().set_handle_data(h.raw(), nullptr);
        if (peer) service_->leaveAll(*peer, false);
    }

    portunus::Result handleMessage(portunus::Handle h, std::string_view transaction, std::string_view body,
                                   std::string_view jsep) override {
        service_->serve(*slot(h), Front::signaling, transaction, body, jsep);
        return portunus::Result::wait();
    }

    // On the handle's loop: the service only takes its mutex and queues work.
    void incomingData(portunus::Handle h, const portunus_data &message) override {
        const auto &peer = *slot(h);
        peer->setLabel(message.label ? message.label : "");
        service_->serve(peer, Front::datachannel, {},
                        std::string_view(reinterpret_cast<const char *>(message.data), message.length));
    }

    // Without its data channel a textroom client is gone from its rooms.
    void hangupMedia(portunus::Handle h) override { service_->leaveAll(*slot(h), true); }

    std::string querySession(portunus::Handle h) override { return service_->describe(**slot(h)); }

    void moderationEvent(std::string_view channel_id, std::string_view user_uid, std::string_view action,
                         int64_t) override {
        service_->onModeration(channel_id, user_uid, action);
    }

private:
    std::shared_ptr<Peer> *slot(portunus::Handle h) const {
        return static_cast<std::shared_ptr<Peer> *>(host().handle_data(h.raw()));
    }

    std::unique_ptr<ChatService> service_;
};

constexpr const char *kAliases[] = {"janus.plugin.textroom", nullptr};

} // namespace
} // namespace portunus::chat

PORTUNUS_EXPORT_PLUGIN(portunus::chat::ChatPlugin, {
    .package = "portunus.plugin.chat",
    .name = "Chat",
    .description = "Text rooms: ordered, durable, idempotent messages with history sync, receipts and typing; "
                   "Janus textroom compatible.",
    .version = 1,
    .version_string = "0.1.0",
    .aliases = portunus::chat::kAliases,
    .config_schema = portunus::chat::kConfigSchema,
})
