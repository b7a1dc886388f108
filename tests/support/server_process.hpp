// One running portunus binary with its own temporary config folder.
//
// The config is portunus.jsonc (the default below, deep-merged with the
// caller's overrides, or the caller's text verbatim) plus plugins.d/*.jsonc.
// The default binds every listener to 127.0.0.1 port 0, sets a short admin
// secret, general.plugins_dir (the build's plugins unless told otherwise) and
// general.state_dir (the temporary folder), and turns every request limit off
// (all test clients share 127.0.0.1).
//
// The constructor returns once the server has logged its four
// `listening <name> <url>` lines and `[server] ready` (event-driven; the safety
// timeout throws). Its stderr is read on a thread and kept as the log. On
// destruction the process is killed if still running, and the log is printed
// when the current test has failed.
#pragma once

#include "support/temp_dir.hpp"
#include "support/timeouts.hpp"

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace portunus::test {

struct ServerOptions {
    // A JSON object deep-merged into the default portunus.jsonc, e.g.
    // R"({"general": {"session_timeout_s": 1}})".
    std::string overrides = "{}";
    // When set, written as portunus.jsonc verbatim (no default, no overrides).
    std::optional<std::string> core_config;
    // plugins.d/<name>.jsonc -> file text.
    std::map<std::string, std::string> plugin_configs = {{"echotest", R"({ "enabled": true })"}};
    // general.plugins_dir of the default config; "" = the build's plugins folder.
    std::string plugins_dir;
    // More command-line arguments after --config-dir DIR.
    std::vector<std::string> extra_args;
    // general.state_dir of the default config (where portunus.db lives); ""
    // = the server's temporary folder. A test that restarts a server on the
    // same state gives both the same folder.
    std::string state_dir;
};

// The default portunus.jsonc text: loopback, every port 0, the test secret.
std::string defaultServerConfig(const std::string &plugins_dir, const std::string &state_dir);

class ServerProcess {
public:
    static constexpr const char *kAdminSecret = "test-secret";
    enum class Endpoint { client_http, client_ws, admin_http, admin_ws };

    explicit ServerProcess(ServerOptions options = {});
    ~ServerProcess();
    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    uint16_t port(Endpoint e) const;
    std::string url(Endpoint e) const; // as the server logged it
    uint16_t clientHttpPort() const { return port(Endpoint::client_http); }
    uint16_t clientWsPort() const { return port(Endpoint::client_ws); }
    uint16_t adminHttpPort() const { return port(Endpoint::admin_http); }
    uint16_t adminWsPort() const { return port(Endpoint::admin_ws); }

    const TempDir &dir() const { return dir_; }
    std::string configDir() const { return dir_.str(); }
    pid_t pid() const { return pid_; }

    // The captured stderr so far (thread-safe copies).
    std::vector<std::string> logLines() const;
    std::string log() const;

    // Waits until a log line at index >= `from_line` matches `pattern` (std::regex_search);
    // returns it, or nullopt when the safety timeout passed or the process exited first.
    std::optional<std::string> waitForLog(const std::string &pattern, size_t from_line = 0,
                                          std::chrono::milliseconds timeout = kEventTimeout) const;
    // Log lines matching `pattern` so far.
    std::vector<std::string> grepLog(const std::string &pattern) const;

    // SIGTERM, then waits for the exit (the safety timeout kills it and throws);
    // returns the exit status, or -N when killed by signal N.
    int terminate();
    // SIGKILL (a crash: nothing flushed, nothing closed); waits for the exit.
    int kill();
    bool running() const;

private:
    void start(const ServerOptions &options);
    void readLoop(int fd);
    int reap(); // waits for the reader's EOF and the process; returns the status
    void killNow();

    TempDir dir_{"portunus-server"};
    pid_t pid_ = -1;
    std::optional<int> exit_status_;
    std::thread reader_;

    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    std::vector<std::string> lines_;
    bool eof_ = false;
    bool ready_ = false;
    std::map<std::string, std::string> urls_; // endpoint name -> URL
};

// The listener's name in the server's logs and Server::port: "client-http", …
const char *endpointName(ServerProcess::Endpoint e);

} // namespace portunus::test
