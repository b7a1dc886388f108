// What the plugin-facing host table needs from the rest of the core: the seam
// between the C ABI (host_api) and the core's services.
#pragma once

#include <string>
#include <string_view>

namespace portunus {

class Handle;
class HttpRoutes;
class LoopPool;
class SessionManager;
class Storage;
class TimerService;

class HostServices {
public:
    virtual ~HostServices() = default;
    virtual SessionManager &sessions() = 0;
    virtual LoopPool &loops() = 0;
    virtual TimerService &timers() = 0;
    virtual Storage &storage() = 0;
    virtual HttpRoutes &httpRoutes() = 0;
    // Whether the user is timed out in the channel now (auth::Moderation).
    virtual bool userTimedOut(const std::string &channel_id, const std::string &user_uid) = 0;
    // An event for event consumers (webhooks come with the observability issue).
    virtual void onPluginEvent(std::string_view plugin, const Handle *handle, std::string_view json) = 0;
};

} // namespace portunus
