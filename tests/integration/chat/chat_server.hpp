// The chat tests' server: the real binary with only the chat plugin enabled,
// its settings given as JSON (merged over what every test wants).
#pragma once

#include "support/json.hpp"
#include "support/server_process.hpp"

#include <string>

namespace portunus::test {

// A room every test server has: 1234, secret "modpass".
inline constexpr uint64_t kRoom = 1234;
inline constexpr const char *kSecret = "modpass";

inline ServerOptions chatServer(const std::string &settings = "{}", const std::string &state_dir = "") {
    Json base = Json::parse(R"({"enabled": true, "rate_limit": {"messages_per_s": 100000, "burst": 100000},
                                "rooms": {"1234": {"description": "Test room", "secret": "modpass"}}})");
    ServerOptions options;
    options.plugin_configs = {{"chat", base.merge(Json::parse(settings)).text()}};
    options.state_dir = state_dir;
    return options;
}

} // namespace portunus::test
