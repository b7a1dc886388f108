// Starting child processes: the portunus binary in the build tree, run once to
// completion (runProcess) or kept running with its stderr on a pipe (spawn, used
// by ServerProcess). Children die with the test (PR_SET_PDEATHSIG) and inherit
// no descriptor but 0, 1 and 2.
#pragma once

#include "support/timeouts.hpp"

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace portunus::test {

// The portunus binary under test: $PORTUNUS_BIN, else the build tree's.
std::string portunusBinary();
// The folder the build puts in-tree plugins in: $PORTUNUS_PLUGIN_DIR, else the build tree's.
std::string builtPluginDir();

struct ProcessResult {
    int exit_code = -1; // the exit status, or -N when killed by signal N
    std::string out;    // everything written to stdout
    std::string err;    // everything written to stderr
};

// Runs `argv` (argv[0] is the program path) to completion, capturing stdout and
// stderr. Throws when it does not finish within `timeout` (it is killed then).
ProcessResult runProcess(const std::vector<std::string> &argv,
                         std::chrono::milliseconds timeout = kProcessTimeout);

struct Spawned {
    pid_t pid = -1;
    int stderr_fd = -1; // read end of the child's stderr; the caller closes it
};

// Starts `argv` with stdout on /dev/null and stderr on a pipe. Throws on failure.
Spawned spawnWithStderrPipe(const std::vector<std::string> &argv);

// waitpid status -> exit code, or -N for signal N.
int decodeWaitStatus(int status);

} // namespace portunus::test
