// What the client and admin APIs act on.
#pragma once

#include "config/core_config.hpp"

#include <chrono>

namespace portunus {

namespace auth {
class JoinTickets;
class Moderation;
} // namespace auth
class LoopPool;
class Metrics;
class RequestLimits;
class PluginRegistry;
class SessionManager;

struct ApiContext {
    const config::CoreConfig &config;
    SessionManager &sessions;
    PluginRegistry &plugins;
    LoopPool &loops;
    auth::JoinTickets &tickets;
    auth::Moderation &moderation;
    RequestLimits &limits;
    Metrics &metrics;
    std::chrono::system_clock::time_point started;
};

} // namespace portunus
