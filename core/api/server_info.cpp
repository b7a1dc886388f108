#include "api/server_info.hpp"

#include "api/json.hpp"
#include "plugins/plugin_registry.hpp"
#include "version.hpp"

namespace portunus::api {

rapidjson::Document serverInfo(const ApiContext &ctx, const std::optional<std::string> &transaction) {
    auto d = reply("server_info", transaction);
    auto &a = d.GetAllocator();
    d.AddMember("name", "Portunus", a);
    d.AddMember("version", kVersionNumber, a);
    d.AddMember("version_string", str(kVersion, a), a);
    d.AddMember("author", "The Portunus developers", a);
    d.AddMember("server-name", str(ctx.config.server_name, a), a);
    d.AddMember("session-timeout", ctx.config.session_timeout_s, a);
    d.AddMember("plugin-api-version", PORTUNUS_PLUGIN_API_VERSION, a);
    d.AddMember("data_channels", false, a);
    rapidjson::Value transports(rapidjson::kObjectType);
    transports.AddMember("http", ctx.config.client.http.enabled, a);
    transports.AddMember("websocket", ctx.config.client.websocket.enabled, a);
    d.AddMember("transports", transports, a);
    rapidjson::Value plugins(rapidjson::kObjectType);
    for (const auto &e : ctx.plugins.entries()) {
        const portunus_plugin *t = e->table();
        if (!t) continue;
        rapidjson::Value p(rapidjson::kObjectType);
        p.AddMember("name", str(t->name ? t->name : e->name, a), a);
        p.AddMember("description", str(t->description ? t->description : "", a), a);
        p.AddMember("version", t->version, a);
        p.AddMember("version_string", str(t->version_string ? t->version_string : "", a), a);
        rapidjson::Value aliases(rapidjson::kArrayType);
        for (auto al = t->aliases; al && *al; ++al) aliases.PushBack(str(*al, a), a);
        p.AddMember("aliases", aliases, a);
        plugins.AddMember(str(t->package, a), p, a);
    }
    d.AddMember("plugins", plugins, a);
    return d;
}

} // namespace portunus::api
