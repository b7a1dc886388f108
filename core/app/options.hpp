// The command line: --help, --version, --config-dir, --check-config, --log-level.
#pragma once

#include <optional>
#include <string>

namespace portunus {

struct Options {
    std::string config_dir;
    bool check_config = false;
    std::optional<std::string> log_level; // overrides the config
    bool help = false;
    bool version = false;
};

// Parses argv; on a usage error returns false and sets `error`.
bool parseOptions(int argc, char **argv, Options &out, std::string &error);
std::string usage(const char *program);

} // namespace portunus
