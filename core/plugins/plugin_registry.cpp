#include "plugins/plugin_registry.hpp"

#include "observe/log.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

namespace portunus {

namespace fs = std::filesystem;

std::vector<std::string> scanPluginDir(const std::string &dir) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto &e : fs::directory_iterator(dir, ec))
        if (e.path().extension() == ".so") names.push_back(e.path().stem().string());
    std::sort(names.begin(), names.end());
    return names;
}

namespace {

std::string soPath(const std::string &dir, const std::string &name) { return (fs::path(dir) / (name + ".so")).string(); }

std::vector<std::string> namesOf(const portunus_plugin &t) {
    std::vector<std::string> names{t.package};
    for (auto a = t.aliases; a && *a; ++a) names.emplace_back(*a);
    return names;
}

// Every plugin file and every plugin config, by name.
std::set<std::string> allNames(const std::string &dir, const config::ConfigDir &config) {
    std::set<std::string> names;
    for (auto &n : scanPluginDir(dir)) names.insert(n);
    for (auto &p : config.plugins) names.insert(p.name);
    return names;
}

} // namespace

void PluginRegistry::loadAll(const std::string &dir, const config::ConfigDir &config, HostServices &services) {
    for (const auto &name : allNames(dir, config)) {
        auto entry = std::make_unique<PluginEntry>();
        entry->name = name;
        const config::PluginConfig *pc = config.plugin(name);
        entry->enabled = pc && pc->enabled;
        entry->path = fs::exists(soPath(dir, name)) ? soPath(dir, name) : "";
        PluginEntry &e = *entries_.emplace_back(std::move(entry));
        if (!e.enabled) {
            PLOG_INFO("plugins", {}, "{}: disabled", name);
            continue;
        }
        auto refuse = [&](std::string why) {
            e.error = std::move(why);
            PLOG_ERROR("plugins", {}, "{}: refused: {}", name, e.error);
        };
        if (e.path.empty()) {
            refuse("enabled in " + pc->path + " but there is no " + soPath(dir, name));
            continue;
        }
        e.library = std::make_unique<PluginLibrary>(PluginLibrary::open(e.path));
        if (!e.library->ok()) {
            refuse(e.path + ": " + e.library->error());
            continue;
        }
        const portunus_plugin &t = *e.library->table();
        std::string clash;
        for (const auto &n : namesOf(t))
            if (find(n)) clash = n;
        if (!clash.empty()) {
            refuse("'" + clash + "' is already the name of another plugin");
            continue;
        }
        config::Errors errors;
        std::string settings;
        if (!config::validatePluginSettings(*pc, t.config_schema, settings, errors)) {
            for (auto &err : errors) PLOG_ERROR("config", {}, "{}", err.str());
            refuse("invalid settings in " + pc->path);
            continue;
        }
        e.host = std::make_unique<PluginHost>();
        e.host->package = t.package;
        e.host->services = &services;
        initHostTable(*e.host);
        char error[512] = "";
        if (t.init(&e.host->table, settings.data(), settings.size(), error, sizeof error) != 0) {
            refuse(e.path + ": init failed: " + (error[0] ? error : "no reason given"));
            continue;
        }
        e.running = true;
        PLOG_INFO("plugins", {}, "{}: loaded {} {} ({})", name, t.package, t.version_string ? t.version_string : "",
                  t.name ? t.name : "");
    }
}

void PluginRegistry::checkAll(const std::string &dir, const config::ConfigDir &config, config::Errors &errors) {
    for (const auto &pc : config.plugins) {
        if (!pc.enabled) continue;
        std::string path = soPath(dir, pc.name);
        if (!fs::exists(path)) {
            errors.push_back(pc.json->error("/enabled", "plugin '" + pc.name + "' is enabled but " + path + " does not exist"));
            continue;
        }
        PluginLibrary lib = PluginLibrary::open(path);
        if (!lib.ok()) {
            errors.push_back(pc.json->error("/enabled", path + ": " + lib.error()));
            continue;
        }
        std::string settings;
        config::validatePluginSettings(pc, lib.table()->config_schema, settings, errors);
    }
}

void PluginRegistry::destroyAll() {
    for (auto &e : entries_)
        if (e->running) {
            e->library->table()->destroy();
            e->running = false;
            PLOG_INFO("plugins", {}, "{}: destroyed", e->name);
        }
}

void PluginRegistry::moderationEvent(const std::string &channel_id, const std::string &user_uid,
                                     const std::string &action, int64_t until) const {
    for (const auto &e : entries_)
        if (const portunus_plugin *t = e->table(); t && t->moderation_event)
            t->moderation_event(channel_id.c_str(), user_uid.c_str(), action.c_str(), until);
}

const PluginEntry *PluginRegistry::find(std::string_view name) const {
    for (const auto &e : entries_) {
        if (!e->running) continue;
        for (const auto &n : namesOf(*e->library->table()))
            if (n == name) return e.get();
    }
    return nullptr;
}

} // namespace portunus
