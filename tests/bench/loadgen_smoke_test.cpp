// The load generator against the real binary in a short scenario, so the
// benchmark's own measuring is exercised by every test run: one room, one
// publisher, two subscribers, 300 video packets over loopback. Packets must
// flow to both subscribers, none may be lost, and the loss accounting must add
// up (what subscribers should have seen = what they got + what was lost).
#include "support/json.hpp"
#include "support/process.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace portunus::test {
namespace {

TEST(Loadgen, OneRoomOnePublisherTwoSubscribersLoseNothing) {
    ServerOptions options;
    options.plugin_configs = {{"sfu", R"({"enabled": true})"}};
    options.overrides = R"({"media": {"ice": {"interfaces": ["127.0.0.1"]}}})";
    ServerProcess server(options);

    ProcessResult run = runProcess({PORTUNUS_LOADGEN_BINARY, "--port",
                                    std::to_string(server.port(ServerProcess::Endpoint::client_ws)), "--server-pid",
                                    std::to_string(server.pid()), "--scenario", "smoke", "--subscribers", "2",
                                    "--packets", "300"});
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    std::istringstream lines(run.out);
    std::string line;
    std::getline(lines, line);
    Json report = Json::parse(line);

    EXPECT_EQ(report.str("/scenario"), "smoke");
    EXPECT_EQ(report.u64("/subscribers"), 2u);
    EXPECT_EQ(report.u64("/receiving"), 2u);
    EXPECT_GT(report.u64("/forwarded"), 0u);
    EXPECT_GT(report.u64("/received"), 0u);
    EXPECT_EQ(report.u64("/lost"), 0u) << run.err;
    EXPECT_EQ(report.u64("/expected"), report.u64("/received") + report.u64("/lost"));
    // Every video packet of the publisher was sent (audio comes on top).
    EXPECT_GE(report.u64("/sent"), 300u);
}

} // namespace
} // namespace portunus::test
