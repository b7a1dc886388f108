// What the client and admin APIs act on.
#pragma once

#include "config/core_config.hpp"

#include <chrono>

namespace portunus {

class LoopPool;
class PluginRegistry;
class SessionManager;

struct ApiContext {
    const config::CoreConfig &config;
    SessionManager &sessions;
    PluginRegistry &plugins;
    LoopPool &loops;
    std::chrono::system_clock::time_point started;
};

} // namespace portunus
