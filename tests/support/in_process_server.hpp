// The whole server (portunus::Server) running inside the test process, from a
// temporary config folder written like ServerProcess writes it — for tests
// that must see the server's threads from the inside (allocation counting).
//
// Every listener binds port 0; the ports are read from the server's own
// `listening <name> <url>` lines, which start() writes to stderr: stderr goes
// through a pipe while the server starts, and everything is echoed.
#pragma once

#include "app/server.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace portunus::test {

class InProcessServer {
public:
    // Loads the config and starts the server; throws std::runtime_error with
    // the config errors or the start error.
    explicit InProcessServer(const ServerOptions &options = {});
    ~InProcessServer(); // stops the server
    InProcessServer(const InProcessServer &) = delete;
    InProcessServer &operator=(const InProcessServer &) = delete;

    Server &server() { return *server_; }
    uint16_t port(ServerProcess::Endpoint e) const;
    uint16_t clientWsPort() const { return port(ServerProcess::Endpoint::client_ws); }
    uint16_t adminHttpPort() const { return port(ServerProcess::Endpoint::admin_http); }

private:
    TempDir dir_{"portunus-inproc"};
    std::unique_ptr<Server> server_;
};

} // namespace portunus::test
