#include "support/server_process.hpp"

#include "support/json.hpp"
#include "support/process.hpp"

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <iostream>
#include <stdexcept>

namespace portunus::test {

namespace {


// In text and in JSON log lines alike.
const std::regex kListening(R"(listening (client-http|client-ws|admin-http|admin-ws) ([^\s"]+))");
const std::regex kReady(R"((\[server\] ready|"component":"server","msg":"ready"\})$)");

} // namespace

const char *endpointName(ServerProcess::Endpoint e) {
    switch (e) {
    case ServerProcess::Endpoint::client_http: return "client-http";
    case ServerProcess::Endpoint::client_ws: return "client-ws";
    case ServerProcess::Endpoint::admin_http: return "admin-http";
    case ServerProcess::Endpoint::admin_ws: return "admin-ws";
    }
    return "?";
}

std::string defaultServerConfig(const std::string &plugins_dir, const std::string &state_dir) {
    Json loopback = Json().set("bind", "127.0.0.1").set("port", 0);
    Json general = Json().set("log_level", "info").set("plugins_dir", plugins_dir).set("state_dir", state_dir);
    Json client = Json().set("http", loopback).set("websocket", loopback);
    Json admin = Json().set("http", loopback).set("websocket", loopback).set("admin_secret", ServerProcess::kAdminSecret);
    // Every test client comes from 127.0.0.1: request limits would throttle
    // busy tests, so only the tests of the limits turn them on.
    Json limits = Json::parse(R"({"requests_per_minute_ip": 0, "sessions_per_minute_ip": 0, "requests_per_minute_session": 0,
                                  "requests_per_minute_handle": 0, "max_sessions": 0, "max_handles_per_session": 0})");
    return Json().set("general", general).set("client_api", client).set("admin_api", admin).set("limits", limits).text();
}

ServerProcess::ServerProcess(ServerOptions options) {
    try {
        start(options);
    } catch (...) {
        killNow();
        throw;
    }
}

ServerProcess::~ServerProcess() {
    killNow();
    if (::testing::Test::HasFailure()) std::cerr << "---- portunus log (" << configDir() << ") ----\n" << log() << "----\n";
}

void ServerProcess::start(const ServerOptions &options) {
    std::string core;
    if (options.core_config) {
        core = *options.core_config;
    } else {
        std::string plugins_dir = options.plugins_dir.empty() ? builtPluginDir() : options.plugins_dir;
        std::string state_dir = options.state_dir.empty() ? dir_.str() : options.state_dir;
        core = Json::parse(defaultServerConfig(plugins_dir, state_dir)).merge(Json::parse(options.overrides)).text();
    }
    dir_.write("portunus.jsonc", core);
    dir_.mkdir("plugins.d");
    for (const auto &[name, text] : options.plugin_configs) dir_.write("plugins.d/" + name + ".jsonc", text);

    std::vector<std::string> argv{portunusBinary(), "--config-dir", dir_.str()};
    argv.insert(argv.end(), options.extra_args.begin(), options.extra_args.end());
    Spawned child = spawnWithStderrPipe(argv);
    pid_ = child.pid;
    reader_ = std::thread([this, fd = child.stderr_fd] { readLoop(fd); });

    std::unique_lock lock(mutex_);
    bool done = changed_.wait_for(lock, kProcessTimeout, [&] { return (ready_ && urls_.size() == 4) || eof_; });
    if (!done || eof_) {
        lock.unlock();
        std::string why = !done ? "did not get ready in time" : "exited before it was ready";
        if (done) why += " (exit status " + std::to_string(reap()) + ")";
        throw std::runtime_error("portunus " + why + "; its log:\n" + log());
    }
}

void ServerProcess::readLoop(int fd) {
    std::string pending;
    char buf[4096];
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        pending.append(buf, static_cast<size_t>(n));
        size_t nl;
        std::lock_guard lock(mutex_);
        while ((nl = pending.find('\n')) != std::string::npos) {
            std::string line = pending.substr(0, nl);
            pending.erase(0, nl + 1);
            std::smatch m;
            if (std::regex_search(line, m, kListening)) urls_[m[1]] = m[2];
            if (std::regex_search(line, kReady)) ready_ = true;
            lines_.push_back(std::move(line));
        }
        changed_.notify_all();
    }
    ::close(fd);
    std::lock_guard lock(mutex_);
    if (!pending.empty()) lines_.push_back(std::move(pending));
    eof_ = true;
    changed_.notify_all();
}

uint16_t ServerProcess::port(Endpoint e) const {
    std::string u = url(e);
    static const std::regex kPort(R"(:(\d+)(/|$))");
    std::smatch m;
    if (!std::regex_search(u, m, kPort)) throw std::runtime_error("no port in " + u);
    return static_cast<uint16_t>(std::stoi(m[1]));
}

std::string ServerProcess::url(Endpoint e) const {
    std::lock_guard lock(mutex_);
    auto it = urls_.find(endpointName(e));
    if (it == urls_.end()) throw std::runtime_error(std::string("the server did not log ") + endpointName(e));
    return it->second;
}

std::vector<std::string> ServerProcess::logLines() const {
    std::lock_guard lock(mutex_);
    return lines_;
}

std::string ServerProcess::log() const {
    std::string out;
    for (const auto &l : logLines()) out += l + "\n";
    return out;
}

std::optional<std::string> ServerProcess::waitForLog(const std::string &pattern, size_t from_line,
                                                     std::chrono::milliseconds timeout) const {
    std::regex re(pattern);
    std::unique_lock lock(mutex_);
    size_t next = from_line;
    std::optional<std::string> found;
    changed_.wait_for(lock, timeout, [&] {
        for (; next < lines_.size(); ++next)
            if (std::regex_search(lines_[next], re)) {
                found = lines_[next];
                return true;
            }
        return eof_;
    });
    return found;
}

std::vector<std::string> ServerProcess::grepLog(const std::string &pattern) const {
    std::regex re(pattern);
    std::vector<std::string> out;
    for (const auto &l : logLines())
        if (std::regex_search(l, re)) out.push_back(l);
    return out;
}

bool ServerProcess::running() const {
    std::lock_guard lock(mutex_);
    return pid_ > 0 && !eof_;
}

int ServerProcess::terminate() {
    if (exit_status_) return *exit_status_;
    ::kill(pid_, SIGTERM);
    {
        std::unique_lock lock(mutex_);
        if (!changed_.wait_for(lock, kProcessTimeout, [&] { return eof_; })) {
            lock.unlock();
            killNow();
            throw std::runtime_error("portunus did not exit within the safety timeout after SIGTERM");
        }
    }
    return reap();
}

int ServerProcess::kill() {
    killNow();
    return exit_status_.value_or(-1);
}

int ServerProcess::reap() {
    if (reader_.joinable()) reader_.join();
    if (!exit_status_ && pid_ > 0) {
        int status = 0;
        while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
        }
        exit_status_ = decodeWaitStatus(status);
    }
    return exit_status_.value_or(-1);
}

void ServerProcess::killNow() {
    if (pid_ > 0 && !exit_status_) ::kill(pid_, SIGKILL);
    reap();
}

} // namespace portunus::test
