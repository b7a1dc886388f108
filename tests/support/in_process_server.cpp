#include "support/in_process_server.hpp"

#include "config/config_dir.hpp"
#include "observe/log.hpp"
#include "support/json.hpp"
#include "support/process.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <regex>
#include <stdexcept>
#include <thread>

namespace portunus::test {

namespace {

const char *endpointName(ServerProcess::Endpoint e) {
    switch (e) {
    case ServerProcess::Endpoint::client_http: return "client-http";
    case ServerProcess::Endpoint::client_ws: return "client-ws";
    case ServerProcess::Endpoint::admin_http: return "admin-http";
    case ServerProcess::Endpoint::admin_ws: return "admin-ws";
    }
    return "?";
}

// Runs `f` with stderr going into a pipe; returns what was written (and
// echoes it to the real stderr).
template <typename F>
std::string captureStderr(F f) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    std::fflush(stderr);
    int saved = ::dup(STDERR_FILENO);
    ::dup2(fds[1], STDERR_FILENO);
    ::close(fds[1]);
    std::string text;
    std::thread reader([&text, fd = fds[0]] {
        char buf[4096];
        for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) text.append(buf, size_t(n));
        ::close(fd);
    });
    struct Restore {
        int saved;
        std::thread &reader;
        ~Restore() {
            std::fflush(stderr);
            ::dup2(saved, STDERR_FILENO); // the pipe's last write end closes: the reader sees EOF
            ::close(saved);
            reader.join();
        }
    };
    {
        Restore restore{saved, reader};
        f();
    }
    std::fwrite(text.data(), 1, text.size(), stderr);
    return text;
}

} // namespace

InProcessServer::InProcessServer(const ServerOptions &options) {
    std::string core = options.core_config.value_or(
        Json::parse(defaultServerConfig(options.plugins_dir.empty() ? builtPluginDir() : options.plugins_dir, dir_.str()))
            .merge(Json::parse(options.overrides))
            .text());
    dir_.write("portunus.jsonc", core);
    dir_.mkdir("plugins.d");
    for (const auto &[name, text] : options.plugin_configs) dir_.write("plugins.d/" + name + ".jsonc", text);

    config::ConfigDir config;
    config::Errors errors;
    config::loadConfigDir(dir_.str(), config, errors);
    if (!errors.empty()) {
        std::string all;
        for (const auto &e : errors) all += e.str() + "\n";
        throw std::runtime_error("config errors:\n" + all);
    }
    log::setLevel(config.core.log_level);
    log::setFormat(config.core.log_format);

    auto self = std::filesystem::read_symlink("/proc/self/exe").parent_path().string();
    server_ = std::make_unique<Server>(std::move(config), self);
    std::string error;
    bool started = false;
    std::string log = captureStderr([&] { started = server_->start(error); });
    if (!started) {
        server_->stop();
        throw std::runtime_error("the server did not start: " + error);
    }
    static const std::regex kListening(R"(listening (client-http|client-ws|admin-http|admin-ws) \w+://[^\s/]*:(\d+))");
    for (std::sregex_iterator it(log.begin(), log.end(), kListening), end; it != end; ++it)
        ports_[(*it)[1]] = static_cast<uint16_t>(std::stoi((*it)[2]));
}

InProcessServer::~InProcessServer() {
    if (server_) server_->stop();
}

uint16_t InProcessServer::port(ServerProcess::Endpoint e) const {
    auto it = ports_.find(endpointName(e));
    if (it == ports_.end()) throw std::runtime_error(std::string("the server did not log a port for ") + endpointName(e));
    return it->second;
}

} // namespace portunus::test
