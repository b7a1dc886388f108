// TurnCredentials: the ephemeral TURN credentials of /client/capabilities
// against a real coturn (Debian's turnserver, use-auth-secret, on loopback):
// turnutils_uclient allocates a relay with them, and is refused once they
// have expired.
#include "support/http_client.hpp"
#include "support/json.hpp"
#include "support/process.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

namespace portunus::test {
namespace {

constexpr const char *kTurnSecret = "coturn-shared-secret";

// A UDP port free on loopback right now.
uint16_t freeUdpPort() {
    int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof addr;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &size) != 0)
        throw std::runtime_error("no free UDP port");
    ::close(fd);
    return ntohs(addr.sin_port);
}

// coturn on 127.0.0.1 checking TURN REST credentials made with kTurnSecret.
class Coturn {
public:
    Coturn() : port_(freeUdpPort()) {
        std::string command = "exec turnserver -n --listening-ip=127.0.0.1 --relay-ip=127.0.0.1 --listening-port=" +
                              std::to_string(port_) + " --use-auth-secret --static-auth-secret=" + kTurnSecret +
                              " --realm=portunus.test --no-tls --no-dtls --no-cli --allow-loopback-peers" +
                              " --userdb=" + (dir_.path() / "turndb").string() + " --pidfile=" +
                              (dir_.path() / "turn.pid").string() + " --log-file=stdout --simple-log 1>&2";
        Spawned s = spawnWithStderrPipe({"/bin/sh", "-c", command});
        pid_ = s.pid;
        reader_ = std::thread([this, fd = s.stderr_fd] { read(fd); });
        std::unique_lock lock(mutex_);
        // coturn logs this once its listeners and relay threads are up.
        if (!changed_.wait_for(lock, kEventTimeout, [&] { return eof_ || log_.find("Total General servers") != std::string::npos; }) || eof_)
            throw std::runtime_error("turnserver did not start: " + log_);
    }
    ~Coturn() {
        ::kill(pid_, SIGTERM);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        reader_.join();
    }
    uint16_t port() const { return port_; }

private:
    void read(int fd) {
        char buffer[4096];
        ssize_t n;
        while ((n = ::read(fd, buffer, sizeof buffer)) > 0) {
            std::lock_guard lock(mutex_);
            log_.append(buffer, static_cast<size_t>(n));
            changed_.notify_all();
        }
        ::close(fd);
        std::lock_guard lock(mutex_);
        eof_ = true;
        changed_.notify_all();
    }

    TempDir dir_{"portunus-coturn"};
    uint16_t port_;
    pid_t pid_ = -1;
    std::thread reader_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::string log_;
    bool eof_ = false;
};

// One allocation through coturn with `username`/`credential`, sending a
// message to itself over the relay; the tool's exit code (0 = success).
ProcessResult allocate(const Coturn &turn, const std::string &username, const std::string &credential) {
    return runProcess({"/usr/bin/turnutils_uclient", "-p", std::to_string(turn.port()), "-u", username, "-w", credential,
                       "-y", "-n", "1", "-m", "1", "-l", "64", "-e", "127.0.0.1", "127.0.0.1"});
}

TEST(TurnCredentials, CoturnAcceptsThemUntilTheyExpire) {
    ASSERT_TRUE(std::filesystem::exists("/usr/bin/turnserver")) << "coturn is not installed (scripts/setup installs it)";
    Coturn turn;
    ServerOptions options;
    options.overrides = Json()
                            .setRaw("rtc", Json()
                                               .setRaw("turn_urls", "[\"turn:127.0.0.1:" + std::to_string(turn.port()) + "\"]")
                                               .set("turn_secret", kTurnSecret)
                                               .set("turn_ttl_s", static_cast<uint64_t>(5))
                                               .text())
                            .text();
    ServerProcess server(options);
    Json caps = Json::parse(httpGet(server.clientHttpPort(), "/client/capabilities").body);
    ASSERT_EQ(caps.size("/rtc/ice_servers"), 1u) << caps;
    std::string username = caps.str("/rtc/ice_servers/0/username");
    std::string credential = caps.str("/rtc/ice_servers/0/credential");

    ProcessResult fresh = allocate(turn, username, credential);
    EXPECT_EQ(fresh.exit_code, 0) << fresh.out << fresh.err;
    ProcessResult forged = allocate(turn, username, credential.substr(1) + "A");
    EXPECT_NE(forged.exit_code, 0) << forged.out;

    // Expiry is coturn's wall-clock comparison with the username's timestamp:
    // nothing to await but the clock passing it.
    auto expires = std::chrono::system_clock::from_time_t(caps.i64("/rtc/ice_servers/0/expires_at"));
    std::this_thread::sleep_until(expires + std::chrono::seconds(1));
    ProcessResult expired = allocate(turn, username, credential);
    EXPECT_NE(expired.exit_code, 0) << expired.out << expired.err;
    EXPECT_NE((expired.out + expired.err).find("Cannot complete Allocation"), std::string::npos) << expired.out << expired.err;
}

} // namespace
} // namespace portunus::test
