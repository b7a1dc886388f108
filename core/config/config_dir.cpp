#include "config/config_dir.hpp"

#include "config/schema.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <filesystem>

namespace portunus::config {

namespace fs = std::filesystem;

const PluginConfig *ConfigDir::plugin(std::string_view name) const {
    for (const auto &p : plugins)
        if (p.name == name) return &p;
    return nullptr;
}

bool loadConfigDir(const std::string &dir, ConfigDir &out, Errors &errors) {
    size_t before = errors.size();
    out.dir = dir;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        errors.push_back({dir, 0, "not a config directory"});
        return false;
    }
    SourcedJson core;
    if (loadJsoncFile((fs::path(dir) / "portunus.jsonc").string(), core, errors))
        readCoreConfig(core, out.core, errors);

    fs::path plugins_d = fs::path(dir) / "plugins.d";
    if (fs::is_directory(plugins_d, ec)) {
        for (const auto &entry : fs::directory_iterator(plugins_d, ec)) {
            if (entry.path().extension() != ".jsonc") continue;
            PluginConfig pc;
            pc.name = entry.path().stem().string();
            pc.path = entry.path().string();
            pc.json = std::make_shared<SourcedJson>();
            if (!loadJsoncFile(pc.path, *pc.json, errors)) continue;
            const rapidjson::Value &doc = pc.json->doc;
            if (!doc.IsObject()) {
                errors.push_back(pc.json->error("", "a plugin config must be a JSON object"));
                continue;
            }
            auto enabled = doc.FindMember("enabled");
            if (enabled == doc.MemberEnd() || !enabled->value.IsBool()) {
                errors.push_back(pc.json->error(enabled == doc.MemberEnd() ? "" : "/enabled",
                                                "'enabled' must be given as true or false"));
                continue;
            }
            pc.enabled = enabled->value.GetBool();
            out.plugins.push_back(std::move(pc));
        }
    }
    std::sort(out.plugins.begin(), out.plugins.end(),
              [](const auto &a, const auto &b) { return a.name < b.name; });
    return errors.size() == before;
}

bool validatePluginSettings(const PluginConfig &config, const char *schema_text,
                            std::string &settings_json, Errors &errors) {
    size_t before = errors.size();
    rapidjson::Document schema;
    std::string schema_error;
    if (!parseSchema(schema_text ? schema_text : R"({"type":"object"})", schema, schema_error)) {
        errors.push_back({config.path, 0, "the plugin's config schema is broken: " + schema_error});
        return false;
    }
    // Work on a copy without "enabled": that key belongs to the core.
    SourcedJson settings;
    settings.file = config.json->file;
    settings.lines = config.json->lines;
    settings.doc.CopyFrom(config.json->doc, settings.doc.GetAllocator());
    settings.doc.RemoveMember("enabled");
    validate(schema, settings, errors);
    if (errors.size() != before) return false;
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    settings.doc.Accept(w);
    settings_json = buf.GetString();
    return true;
}

} // namespace portunus::config
