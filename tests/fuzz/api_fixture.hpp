// An in-process API context (no listeners, no plugins) for fuzzing requests.
#pragma once

#include "api/api_context.hpp"
#include "api/request_limits.hpp"
#include "observe/metrics.hpp"
#include "auth/join_tickets.hpp"
#include "config/core_config.hpp"
#include "loop/loop_pool.hpp"
#include "plugins/plugin_registry.hpp"
#include "session/media_context.hpp"
#include "session/session_manager.hpp"

struct ApiFixture {
    portunus::config::CoreConfig config = [] {
        portunus::config::CoreConfig c;
        c.admin.secret = "fuzz-secret";
        c.client.max_queued_events = 16;
        return c;
    }();
    portunus::LoopPool loops{1};
    portunus::PluginRegistry plugins;
    portunus::MediaContext media; // no plugins here, so no handle ever reaches media
    portunus::SessionManager sessions{loops, media, 16};
    portunus::auth::Moderation moderation;         // not started: nothing here reaches it (no ticket mode, no secret)
    portunus::auth::JoinTickets tickets{config, moderation};
    portunus::RequestLimits limits{config};
    portunus::Metrics metrics;
    portunus::ApiContext ctx{config, sessions, plugins, loops, tickets, moderation, limits, metrics,
                             std::chrono::system_clock::now()};

    ApiFixture() { portunus::log::setLevel(portunus::log::Level::off); }
    ~ApiFixture() { sessions.stop(); }
};
