// Load client for `scripts/bench presence`: N WebSocket sessions on loopback,
// each a device of its own user that tracks and watches one room (rooms of
// --room-size members) and heartbeats at the interval the server gives it;
// then --rate status changes a second for --duration-s seconds. Each change
// carries its send time in its status text, so every watcher that receives
// it measures change→watcher latency on one clock.
//
// Prints memory per idle session (the server's RSS growth over N), the
// server's CPU while changes run, and latency percentiles, as key=value lines.
//
// One thread, one io_context, one state machine per connection: C++ and
// Beast rather than Node so the client costs little CPU next to the server
// it measures on the same cores, and builds with the project.
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <rapidjson/document.h>
#include <rapidjson/pointer.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
    uint16_t port = 0;
    int server_pid = 0;
    int sessions = 10000;
    int room_size = 100;
    int rate = 100;
    int duration_s = 30;
    int concurrency = 256; // connections being set up at once
};

int64_t nowNs() { return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count(); }

long rssKiB(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
    return -1;
}

// utime + stime of the process, in seconds.
double cpuSeconds(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::istringstream rest(text.substr(text.rfind(')') + 2));
    std::string field;
    unsigned long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && rest >> field; ++i) {
        if (i == 14) utime = std::stoul(field);
        if (i == 15) stime = std::stoul(field);
    }
    return double(utime + stime) / double(sysconf(_SC_CLK_TCK));
}

class Bench;

// One session: connect, create, attach, track, watch; then heartbeats and
// events until the end.
class Conn : public std::enable_shared_from_this<Conn> {
public:
    Conn(Bench &bench, asio::io_context &io, int index) : bench_(bench), ws_(io), heartbeat_(io), index_(index) {}
    void start(const asio::ip::tcp::endpoint &server);
    void setStatus(int64_t sent_ns) { send(message(R"({"request":"set_status","status_text":"t)" + std::to_string(sent_ns) + "\"}")); }
    bool ready() const { return step_ == 5; }

private:
    void send(std::string text);
    void write();
    void read();
    void onMessage(const rapidjson::Document &d);
    void beat();
    std::string message(const std::string &body) const {
        return R"({"janus":"message","transaction":"m","session_id":)" + std::to_string(session_) +
               R"(,"handle_id":)" + std::to_string(handle_) + R"(,"body":)" + body + "}";
    }

    Bench &bench_;
    websocket::stream<beast::tcp_stream> ws_;
    beast::flat_buffer buffer_;
    std::deque<std::string> outbox_;
    asio::steady_timer heartbeat_;
    int index_;
    int step_ = 0; // 0 connecting, 1 create, 2 attach, 3 track, 4 watch, 5 ready
    uint64_t session_ = 0, handle_ = 0;
    int interval_s_ = 25;
};

class Bench {
public:
    explicit Bench(Options o) : o_(o) {}

    int run() {
        asio::ip::tcp::endpoint server(asio::ip::make_address("127.0.0.1"), o_.port);
        base_rss_ = rssKiB(o_.server_pid);
        for (int i = 0; i < o_.sessions; ++i) conns_.push_back(std::make_shared<Conn>(*this, io_, i));
        for (int i = 0; i < std::min(o_.concurrency, o_.sessions); ++i) startNext(server);
        server_ = server;
        setup_started_ = Clock::now();
        io_.run();
        return report();
    }

    void startNext(const asio::ip::tcp::endpoint &server) {
        if (next_ < o_.sessions) conns_[static_cast<size_t>(next_++)]->start(server);
    }
    void onReady() {
        if (++ready_ % 1000 == 0) std::fprintf(stderr, "bench: %d sessions ready\n", ready_);
        if (ready_ < o_.sessions) {
            startNext(server_);
            return;
        }
        setup_s_ = std::chrono::duration<double>(Clock::now() - setup_started_).count();
        // Let the server settle (allocator caches, first heartbeats) before measuring idle memory.
        phase_ = std::make_unique<asio::steady_timer>(io_, std::chrono::seconds(3));
        phase_->async_wait([this](beast::error_code) { startChanges(); });
    }
    void onFailure(int index, const std::string &what) {
        if (++failures_ <= 5) std::fprintf(stderr, "bench: session %d: %s\n", index, what.c_str());
        if (failures_ == 1 && ready_ < o_.sessions) io_.stop();
    }
    void onChangeSeen(int64_t sent_ns) { latencies_ms_.push_back(double(nowNs() - sent_ns) / 1e6); }
    std::string roomOf(int index) const { return "room:" + std::to_string(index / o_.room_size); }

private:
    void startChanges() {
        idle_rss_ = rssKiB(o_.server_pid);
        cpu_start_ = cpuSeconds(o_.server_pid);
        changes_started_ = Clock::now();
        tick();
    }
    void tick() {
        auto elapsed = Clock::now() - changes_started_;
        if (elapsed >= std::chrono::seconds(o_.duration_s)) {
            cpu_s_ = cpuSeconds(o_.server_pid) - cpu_start_;
            busy_rss_ = rssKiB(o_.server_pid);
            // Give the last events a moment to arrive, then stop.
            phase_->expires_after(std::chrono::seconds(2));
            phase_->async_wait([this](beast::error_code) { io_.stop(); });
            return;
        }
        // Changes spread evenly: one every 1/rate s, on random sessions.
        std::uniform_int_distribution<size_t> pick(0, conns_.size() - 1);
        conns_[pick(rng_)]->setStatus(nowNs());
        ++changes_;
        auto next = changes_started_ + std::chrono::microseconds(int64_t(changes_) * 1000000 / o_.rate);
        phase_->expires_at(next);
        phase_->async_wait([this](beast::error_code) { tick(); });
    }
    int report() {
        if (ready_ < o_.sessions) {
            std::fprintf(stderr, "bench: only %d of %d sessions came up\n", ready_, o_.sessions);
            return 1;
        }
        std::sort(latencies_ms_.begin(), latencies_ms_.end());
        auto pct = [&](double p) {
            return latencies_ms_.empty() ? -1.0 : latencies_ms_[size_t(p * double(latencies_ms_.size() - 1))];
        };
        std::printf("sessions=%d\nroom_size=%d\nchanges_per_s=%d\nduration_s=%d\nchanges_sent=%ld\nevents_received=%zu\n",
                    o_.sessions, o_.room_size, o_.rate, o_.duration_s, changes_, latencies_ms_.size());
        std::printf("setup_s=%.1f\nserver_rss_base_kib=%ld\nserver_rss_idle_kib=%ld\nserver_rss_busy_kib=%ld\n", setup_s_,
                    base_rss_, idle_rss_, busy_rss_);
        std::printf("kib_per_idle_session=%.2f\n", double(idle_rss_ - base_rss_) / o_.sessions);
        std::printf("server_cpu_percent=%.1f\n", 100.0 * cpu_s_ / o_.duration_s);
        std::printf("latency_ms_p50=%.1f\nlatency_ms_p95=%.1f\nlatency_ms_p99=%.1f\nlatency_ms_max=%.1f\n", pct(0.5),
                    pct(0.95), pct(0.99), pct(1.0));
        std::printf("failures=%d\n", failures_);
        return failures_ ? 1 : 0;
    }

    Options o_;
    asio::io_context io_{1};
    asio::ip::tcp::endpoint server_;
    std::vector<std::shared_ptr<Conn>> conns_;
    int next_ = 0, ready_ = 0, failures_ = 0;
    long changes_ = 0;
    long base_rss_ = 0, idle_rss_ = 0, busy_rss_ = 0;
    double cpu_start_ = 0, cpu_s_ = 0, setup_s_ = 0;
    Clock::time_point setup_started_, changes_started_;
    std::unique_ptr<asio::steady_timer> phase_;
    std::vector<double> latencies_ms_;
    std::mt19937 rng_{42};
};

void Conn::start(const asio::ip::tcp::endpoint &server) {
    beast::get_lowest_layer(ws_).async_connect(server, [self = shared_from_this()](beast::error_code ec) {
        if (ec) return self->bench_.onFailure(self->index_, "connect: " + ec.message());
        self->ws_.set_option(websocket::stream_base::decorator(
            [](websocket::request_type &req) { req.set(beast::http::field::sec_websocket_protocol, "janus-protocol"); }));
        self->ws_.async_handshake("127.0.0.1", "/", [self](beast::error_code e) {
            if (e) return self->bench_.onFailure(self->index_, "handshake: " + e.message());
            self->step_ = 1;
            self->read();
            self->send(R"({"janus":"create","transaction":"c"})");
        });
    });
}

void Conn::send(std::string text) {
    outbox_.push_back(std::move(text));
    if (outbox_.size() == 1) write();
}

void Conn::write() {
    ws_.text(true);
    ws_.async_write(asio::buffer(outbox_.front()), [self = shared_from_this()](beast::error_code ec, size_t) {
        if (ec) return self->bench_.onFailure(self->index_, "write: " + ec.message());
        self->outbox_.pop_front();
        if (!self->outbox_.empty()) self->write();
    });
}

void Conn::read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, size_t) {
        if (ec) return self->bench_.onFailure(self->index_, "read: " + ec.message());
        rapidjson::Document d;
        auto data = self->buffer_.cdata();
        d.Parse(static_cast<const char *>(data.data()), data.size());
        self->buffer_.consume(self->buffer_.size());
        if (!d.HasParseError() && d.IsObject()) self->onMessage(d);
        self->read();
    });
}

void Conn::onMessage(const rapidjson::Document &d) {
    std::string_view kind = d.HasMember("janus") && d["janus"].IsString() ? d["janus"].GetString() : "";
    if (kind == "error") return bench_.onFailure(index_, "error reply at step " + std::to_string(step_));
    if (kind == "event") {
        const auto *text = rapidjson::Pointer("/plugindata/data/status_text").Get(d);
        if (text && text->IsString() && text->GetStringLength() > 1 && text->GetString()[0] == 't')
            bench_.onChangeSeen(std::strtoll(text->GetString() + 1, nullptr, 10));
        return;
    }
    if (kind != "success") return; // acks of heartbeats and the like
    std::string user = "u" + std::to_string(index_), room = bench_.roomOf(index_);
    switch (step_) {
    case 1:
        session_ = d["data"]["id"].GetUint64();
        step_ = 2;
        send(R"({"janus":"attach","plugin":"portunus.plugin.presence","transaction":"a","session_id":)" +
             std::to_string(session_) + "}");
        break;
    case 2:
        handle_ = d["data"]["id"].GetUint64();
        step_ = 3;
        send(message(R"({"request":"track","scope":")" + room + R"(","user":")" + user + "\"}"));
        break;
    case 3:
        interval_s_ = rapidjson::Pointer("/plugindata/data/heartbeat_interval_s").Get(d)->GetInt();
        step_ = 4;
        send(message(R"({"request":"watch","scope":")" + room + "\"}"));
        break;
    case 4:
        step_ = 5;
        beat();
        bench_.onReady();
        break;
    default: break;
    }
}

void Conn::beat() {
    heartbeat_.expires_after(std::chrono::seconds(interval_s_));
    heartbeat_.async_wait([self = shared_from_this()](beast::error_code ec) {
        if (ec) return;
        self->send(self->message(R"({"request":"heartbeat"})"));
        self->beat();
    });
}

} // namespace

int main(int argc, char **argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string k = argv[i];
        int v = std::atoi(argv[i + 1]);
        if (k == "--port") o.port = static_cast<uint16_t>(v);
        else if (k == "--server-pid") o.server_pid = v;
        else if (k == "--sessions") o.sessions = v;
        else if (k == "--room-size") o.room_size = v;
        else if (k == "--rate") o.rate = v;
        else if (k == "--duration-s") o.duration_s = v;
        else {
            std::fprintf(stderr, "unknown option %s\n", k.c_str());
            return 2;
        }
    }
    if (!o.port || !o.server_pid || o.sessions < 1 || o.room_size < 1 || o.rate < 1) {
        std::fprintf(stderr,
                     "usage: presence_bench --port P --server-pid PID [--sessions N] [--room-size M] [--rate R] [--duration-s S]\n");
        return 2;
    }
    return Bench(o).run();
}
