#include "support/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace portunus::test {

std::string portunusBinary() {
    const char *env = std::getenv("PORTUNUS_BIN");
    return env && *env ? env : PORTUNUS_TEST_BINARY;
}

std::string builtPluginDir() {
    const char *env = std::getenv("PORTUNUS_PLUGIN_DIR");
    return env && *env ? env : PORTUNUS_TEST_PLUGIN_DIR;
}

int decodeWaitStatus(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return -WTERMSIG(status);
    return -1000;
}

namespace {

struct Argv {
    explicit Argv(const std::vector<std::string> &args) {
        for (const auto &a : args) ptrs.push_back(const_cast<char *>(a.c_str()));
        ptrs.push_back(nullptr);
    }
    std::vector<char *> ptrs;
};

// In the child, between fork and exec: async-signal-safe calls only.
[[noreturn]] void execChild(char *const *argv, int out_fd, int err_fd) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    int devnull = ::open("/dev/null", O_RDWR);
    ::dup2(devnull, 0);
    ::dup2(out_fd >= 0 ? out_fd : devnull, 1);
    ::dup2(err_fd, 2);
    // Sockets and pipes of the test process stay with the test process.
    if (::syscall(SYS_close_range, 3u, ~0u, 0u) != 0)
        for (int fd = 3; fd < 65536; ++fd) ::close(fd);
    ::execv(argv[0], argv);
    const char msg[] = "exec failed: ";
    (void)!::write(2, msg, sizeof msg - 1);
    (void)!::write(2, argv[0], std::strlen(argv[0]));
    (void)!::write(2, "\n", 1);
    ::_exit(127);
}

void makePipe(int fds[2]) {
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
}

} // namespace

Spawned spawnWithStderrPipe(const std::vector<std::string> &args) {
    Argv argv(args);
    int err[2];
    makePipe(err);
    pid_t pid = ::fork();
    if (pid < 0) {
        ::close(err[0]);
        ::close(err[1]);
        throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    }
    if (pid == 0) execChild(argv.ptrs.data(), -1, err[1]);
    ::close(err[1]);
    return {pid, err[0]};
}

ProcessResult runProcess(const std::vector<std::string> &args, std::chrono::milliseconds timeout) {
    Argv argv(args);
    int out[2], err[2];
    makePipe(out);
    makePipe(err);
    pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid == 0) execChild(argv.ptrs.data(), out[1], err[1]);
    ::close(out[1]);
    ::close(err[1]);

    ProcessResult result;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
    std::string *sinks[2] = {&result.out, &result.err};
    int open_fds = 2;
    bool timed_out = false;
    while (open_fds > 0) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            timed_out = true;
            break;
        }
        int n = ::poll(fds, 2, static_cast<int>(left.count()));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) break;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            char buf[4096];
            ssize_t got = ::read(fds[i].fd, buf, sizeof buf);
            if (got > 0) {
                sinks[i]->append(buf, static_cast<size_t>(got));
            } else if (got == 0 || errno != EINTR) {
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open_fds;
            }
        }
    }
    for (auto &f : fds)
        if (f.fd >= 0) ::close(f.fd);
    if (timed_out) ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (timed_out)
        throw std::runtime_error("'" + args.front() + "' did not finish in time; stdout:\n" + result.out +
                                 "\nstderr:\n" + result.err);
    result.exit_code = decodeWaitStatus(status);
    return result;
}

} // namespace portunus::test
