// The plugins of this server: which files are in the plugins folder, which are
// enabled by config, which loaded (or why not), and lookup by package or alias.
#pragma once

#include "config/config_dir.hpp"
#include "plugins/host_api.hpp"
#include "plugins/plugin_library.hpp"

#include <memory>
#include <string>
#include <vector>

namespace portunus {

struct PluginEntry {
    std::string name; // file stem, matching plugins.d/<name>.jsonc
    std::string path; // the .so, "" when only a config names it
    bool enabled = false;
    bool running = false; // loaded and initialised
    std::string error;    // why it is not running, when enabled
    std::unique_ptr<PluginLibrary> library;
    std::unique_ptr<PluginHost> host;
    const portunus_plugin *table() const { return running ? library->table() : nullptr; }
};

class PluginRegistry {
public:
    // Loads and initialises every enabled plugin of `dir`. A plugin that fails
    // is logged once and skipped; the server goes on without it.
    void loadAll(const std::string &dir, const config::ConfigDir &config, HostServices &services);
    // --check-config: opens the enabled plugins (no init) and validates their settings.
    static void checkAll(const std::string &dir, const config::ConfigDir &config, config::Errors &errors);
    void destroyAll();

    // By package name or alias; nullptr when no running plugin answers to it.
    const PluginEntry *find(std::string_view name) const;
    const std::vector<std::unique_ptr<PluginEntry>> &entries() const { return entries_; }
    // Tells every running plugin of a moderation action (moderation_event).
    void moderationEvent(const std::string &channel_id, const std::string &user_uid, const std::string &action,
                         int64_t until) const;

private:
    std::vector<std::unique_ptr<PluginEntry>> entries_;
};

// The names found in a plugins folder: every "<name>.so".
std::vector<std::string> scanPluginDir(const std::string &dir);

} // namespace portunus
