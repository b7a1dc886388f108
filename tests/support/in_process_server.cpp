#include "support/in_process_server.hpp"

#include "config/config_dir.hpp"
#include "observe/log.hpp"
#include "support/json.hpp"
#include "support/process.hpp"


#include <cstdio>
#include <filesystem>
#include <stdexcept>

namespace portunus::test {

InProcessServer::InProcessServer(const ServerOptions &options) {
    std::string core = options.core_config.value_or(
        Json::parse(defaultServerConfig(options.plugins_dir.empty() ? builtPluginDir() : options.plugins_dir, dir_.str()))
            .merge(Json::parse(options.overrides))
            .text());
    dir_.write("portunus.jsonc", core);
    dir_.mkdir("plugins.d");
    for (const auto &[name, text] : options.plugin_configs) dir_.write("plugins.d/" + name + ".jsonc", text);

    config::ConfigDir config;
    config::Errors errors;
    config::loadConfigDir(dir_.str(), config, errors);
    if (!errors.empty()) {
        std::string all;
        for (const auto &e : errors) all += e.str() + "\n";
        throw std::runtime_error("config errors:\n" + all);
    }
    log::setLevel(config.core.log_level);
    log::setFormat(config.core.log_format);

    auto self = std::filesystem::read_symlink("/proc/self/exe").parent_path().string();
    server_ = std::make_unique<Server>(std::move(config), self);
    std::string error;
    if (!server_->start(error)) {
        server_->stop();
        throw std::runtime_error("the server did not start: " + error);
    }
}

InProcessServer::~InProcessServer() {
    if (server_) server_->stop();
}

uint16_t InProcessServer::port(ServerProcess::Endpoint e) const {
    uint16_t port = server_->port(endpointName(e));
    if (!port) throw std::runtime_error(std::string("the server is not listening on ") + endpointName(e));
    return port;
}

} // namespace portunus::test
