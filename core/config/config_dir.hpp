// A config directory: portunus.jsonc for the core and plugins.d/<name>.jsonc
// for each plugin (the plugin binary <name>.so in the plugins folder).
#pragma once

#include "config/core_config.hpp"

#include <memory>
#include <string>
#include <vector>

namespace portunus::config {

struct PluginConfig {
    std::string name; // file stem: plugins.d/echotest.jsonc -> "echotest"
    std::string path;
    bool enabled = false;
    std::shared_ptr<SourcedJson> json; // the whole file, "enabled" included
};

struct ConfigDir {
    std::string dir;
    CoreConfig core;
    std::vector<PluginConfig> plugins; // sorted by name
    const PluginConfig *plugin(std::string_view name) const;
};

// Loads and validates everything the core knows about; returns false when
// `errors` got any. Plugin settings are checked against the plugin's own
// schema once the plugin is loaded (validatePluginSettings).
bool loadConfigDir(const std::string &dir, ConfigDir &out, Errors &errors);

// Checks a plugin's settings (every key but "enabled") against its schema,
// fills defaults, and returns the settings as compact JSON text.
bool validatePluginSettings(const PluginConfig &config, const char *schema_text,
                            std::string &settings_json, Errors &errors);

} // namespace portunus::config
