// portunus: parse the command line, load the config, run.
#include "app/options.hpp"
#include "app/server.hpp"
#include "config/config_dir.hpp"
#include "observe/log.hpp"
#include "version.hpp"

#include <cstdio>
#include <filesystem>

using namespace portunus;

namespace {
std::string binaryDir(const char *argv0) {
    std::error_code ec;
    auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    return (ec ? std::filesystem::absolute(argv0) : self).parent_path().string();
}
} // namespace

int main(int argc, char **argv) {
    Options options;
    std::string error;
    if (!parseOptions(argc, argv, options, error)) {
        std::fprintf(stderr, "portunus: %s\nTry 'portunus --help'.\n", error.c_str());
        return 2;
    }
    if (options.help) {
        std::fputs(usage(argv[0]).c_str(), stdout);
        return 0;
    }
    if (options.version) {
        std::printf("portunus %s (plugin API %d)\n", kVersion, PORTUNUS_PLUGIN_API_VERSION);
        return 0;
    }

    config::ConfigDir config;
    config::Errors errors;
    config::loadConfigDir(options.config_dir, config, errors);
    std::string dir = binaryDir(argv[0]);
    if (options.check_config && errors.empty())
        PluginRegistry::checkAll(Server::withDefaults(config, dir).core.plugins_dir, config, errors);
    for (const auto &e : errors) std::fprintf(stderr, "%s\n", e.str().c_str());
    if (!errors.empty()) {
        std::fprintf(stderr, "portunus: %zu error(s) in %s\n", errors.size(), options.config_dir.c_str());
        return 1;
    }
    if (options.check_config) {
        std::printf("%s: configuration OK\n", options.config_dir.c_str());
        return 0;
    }

    log::setLevel(config.core.log_level);
    log::setFormat(config.core.log_format);
    if (options.log_level) {
        log::Level level;
        if (!log::parseLevel(*options.log_level, level)) {
            std::fprintf(stderr, "portunus: unknown log level '%s'\n", options.log_level->c_str());
            return 2;
        }
        log::setLevel(level);
    }

    PLOG_INFO("server", {}, "Portunus {} starting with {}", kVersion, options.config_dir);
    Server server(std::move(config), dir);
    if (!server.start(error)) {
        PLOG_ERROR("server", {}, "cannot start: {}", error);
        server.stop();
        return 1;
    }
    PLOG_INFO("server", {}, "ready");
    server.runUntilSignal();
    return 0;
}
