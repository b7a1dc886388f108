// The portunus_host table given to each plugin: one per plugin, so that logs
// and events carry the plugin's name.
#pragma once

#include "plugins/host_services.hpp"

#include <portunus/plugin.h>

#include <string>

namespace portunus {

struct PluginHost {
    portunus_host table{};
    std::string package;
    HostServices *services = nullptr;
};

// Fills host.table (and points its context at `host`).
void initHostTable(PluginHost &host);

} // namespace portunus
