// The command line: --help, --version, and usage errors.
#include "support/process.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

namespace portunus::test {
namespace {

ProcessResult run(std::vector<std::string> args) {
    args.insert(args.begin(), portunusBinary());
    return runProcess(args);
}

TEST(CommandLine, HelpPrintsUsageAndExitsZero) {
    for (const char *flag : {"--help", "-h"}) {
        ProcessResult r = run({flag});
        EXPECT_EQ(r.exit_code, 0) << flag << ": " << r.err;
        EXPECT_NE(r.out.find("Usage:"), std::string::npos) << r.out;
        for (const char *option : {"--config-dir", "--check-config", "--log-level", "--version", "--help"})
            EXPECT_NE(r.out.find(option), std::string::npos) << option << " not in the usage:\n" << r.out;
    }
}

TEST(CommandLine, VersionPrintsTheVersionAndExitsZero) {
    for (const char *flag : {"--version", "-V"}) {
        ProcessResult r = run({flag});
        EXPECT_EQ(r.exit_code, 0) << flag << ": " << r.err;
        EXPECT_EQ(r.out.rfind(std::string("portunus ") + PORTUNUS_EXPECTED_VERSION, 0), 0u) << r.out;
    }
}

TEST(CommandLine, AnUnknownOptionExitsTwo) {
    ProcessResult r = run({"--frobnicate"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("unknown option '--frobnicate'"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(CommandLine, AnOptionWithoutItsValueExitsTwo) {
    ProcessResult r = run({"--config-dir"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--config-dir needs a value"), std::string::npos) << r.err;
}

TEST(CommandLine, AnUnknownLogLevelExitsTwo) {
    TempDir dir("portunus-conf");
    dir.write("portunus.jsonc", defaultServerConfig(builtPluginDir(), dir.str()));
    ProcessResult r = run({"--config-dir", dir.str(), "--log-level", "chatty"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("chatty"), std::string::npos) << r.err;
}

TEST(CommandLine, AMissingConfigDirExitsOne) {
    ProcessResult r = run({"--config-dir", "/nonexistent/portunus-config"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("/nonexistent/portunus-config"), std::string::npos) << r.err;
}

} // namespace
} // namespace portunus::test
