#include "app/options.hpp"

#include "version.hpp"

#include <fmt/format.h>

#include <string_view>

namespace portunus {

bool parseOptions(int argc, char **argv, Options &out, std::string &error) {
    out.config_dir = kDefaultConfigDir;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        auto value = [&](std::string &dst) {
            auto eq = arg.find('=');
            if (eq != std::string_view::npos) {
                dst = arg.substr(eq + 1);
                return true;
            }
            if (i + 1 >= argc) {
                error = fmt::format("{} needs a value", arg);
                return false;
            }
            dst = argv[++i];
            return true;
        };
        auto is = [&](std::string_view name) { return arg == name || arg.rfind(std::string(name) + "=", 0) == 0; };
        if (arg == "-h" || arg == "--help") out.help = true;
        else if (arg == "-V" || arg == "--version") out.version = true;
        else if (arg == "--check-config") out.check_config = true;
        else if (is("--config-dir") || arg == "-c") {
            if (!value(out.config_dir)) return false;
        } else if (is("--log-level")) {
            std::string level;
            if (!value(level)) return false;
            out.log_level = level;
        } else {
            error = fmt::format("unknown option '{}'", arg);
            return false;
        }
    }
    return true;
}

std::string usage(const char *program) {
    return fmt::format(R"(Usage: {} [options]

Portunus {} — a plugin-based WebRTC media server speaking the Janus protocol.

Options:
  -c, --config-dir DIR   read portunus.jsonc and plugins.d/*.jsonc from DIR
                         (default: {})
      --check-config     validate the configuration (and the enabled plugins'
                         settings), print file:line errors, and exit
      --log-level LEVEL  trace, debug, info, warn or error (overrides the config)
  -V, --version          print the version and exit
  -h, --help             print this help and exit

Signals: SIGINT or SIGTERM shut down gracefully (clients are told, plugins destroyed).
Docs: README.md and docs/ in the source tree.
)",
                       program, kVersion, kDefaultConfigDir);
}

} // namespace portunus
