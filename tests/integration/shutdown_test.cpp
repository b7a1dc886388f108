// SIGTERM shuts down gracefully: clients are told their handles are detached,
// plugins are destroyed, and the exit status is 0.
#include "support/expect.hpp"
#include "support/janus_client.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <fstream>
#include <string>

namespace portunus::test {
namespace {

// Whether process `pid` has a handler for `signo` (the SigCgt mask of /proc/PID/status).
bool catches(pid_t pid, int signo) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("SigCgt:", 0) == 0) return (std::stoull(line.substr(7), nullptr, 16) >> (signo - 1)) & 1;
    return false;
}

TEST(Shutdown, SigtermDetachesHandlesDestroysPluginsAndExitsZero) {
    ServerProcess server;
    auto client = JanusClient::connect(Transport::websocket, server);
    uint64_t session = client->createSession();
    uint64_t handle = client->attach(session);

    EXPECT_EQ(server.terminate(), 0);

    Json event = client->nextEvent(session);
    EXPECT_TRUE(isReply(event, "detached"));
    EXPECT_EQ(event.u64("/session_id"), session);
    EXPECT_EQ(event.u64("/sender"), handle);
    EXPECT_EQ(server.grepLog(R"(SIGTERM received)").size(), 1u);
    EXPECT_EQ(server.grepLog(R"(\[plugins\] echotest: destroyed)").size(), 1u);
    EXPECT_EQ(server.grepLog(R"(\[server\] stopped)").size(), 1u);
}

// Once "[server] ready" is logged, a supervisor may stop the server at any
// moment: SIGTERM and SIGINT must already be handled then.
TEST(Shutdown, SigtermRightAfterReadyExitsZero) {
    ServerProcess server;
    EXPECT_TRUE(catches(server.pid(), SIGTERM)) << "SIGTERM is not handled yet although the server logged ready";
    EXPECT_TRUE(catches(server.pid(), SIGINT)) << "SIGINT is not handled yet although the server logged ready";
    EXPECT_EQ(server.terminate(), 0);
    EXPECT_EQ(server.grepLog(R"(\[plugins\] echotest: destroyed)").size(), 1u);
}

} // namespace
} // namespace portunus::test
