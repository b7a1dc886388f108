// Chat fan-out benchmark: one room, N subscribers over the Janus WebSocket
// API, one publisher offering R messages/s for D seconds. Prints the
// sustained deliveries per second and the delivery latency percentiles
// (publisher send -> subscriber receive, one clock: the same process), as
// key=value lines for scripts/bench.
//   chat_bench [--subscribers 100] [--rate 1000] [--duration-s 10]
#include "support/json.hpp"
#include "support/server_process.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <thread>
#include <vector>

using namespace portunus::test;
using Clock = std::chrono::steady_clock;

namespace {

constexpr uint64_t kRoom = 1;

int64_t nowUs() { return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now().time_since_epoch()).count(); }

// A session with a handle on the chat plugin, joined to the room. Set-up is
// blocking; then every subscriber is read asynchronously by one thread (the
// load generator must cost little: one thread per socket would wake a thread
// per message).
class Member {
public:
    Member(boost::asio::io_context &io, const ServerProcess &server, const std::string &name) : ws_(io) {
        namespace websocket = boost::beast::websocket;
        boost::asio::ip::tcp::resolver resolver(io);
        boost::asio::connect(ws_.next_layer(), resolver.resolve("127.0.0.1", std::to_string(server.clientWsPort())));
        ws_.set_option(websocket::stream_base::decorator(
            [](websocket::request_type &req) { req.set(boost::beast::http::field::sec_websocket_protocol, "janus-protocol"); }));
        ws_.handshake("127.0.0.1", "/");
        session_ = call(Json().set("janus", "create")).u64("/data/id");
        handle_ = call(Json().set("janus", "attach").set("plugin", "portunus.plugin.chat").set("session_id", session_)).u64("/data/id");
        send(Json().set("request", "join").set("room", kRoom).set("username", name));
        while (read().find("\"participants\"") == std::string::npos) {
        }
    }
    void send(const Json &body) {
        Json m = Json().set("janus", "message").set("transaction", nextTransaction()).set("session_id", session_).set("handle_id", handle_);
        write(m.set("body", body).text());
    }
    // Calls on_message(text) for each message from now on, on the io_context's thread.
    void readAll(std::function<bool(std::string_view)> on_message) {
        on_message_ = std::move(on_message);
        readNext();
    }
    // The next message; "" once the connection is gone.
    std::string read() {
        boost::beast::flat_buffer buffer;
        boost::beast::error_code ec;
        ws_.read(buffer, ec);
        return ec ? std::string() : boost::beast::buffers_to_string(buffer.data());
    }

private:
    void readNext() {
        ws_.async_read(async_buffer_, [this](boost::beast::error_code ec, size_t) {
            if (ec) return;
            auto data = async_buffer_.cdata();
            bool more = on_message_(std::string_view(static_cast<const char *>(data.data()), data.size()));
            async_buffer_.consume(async_buffer_.size());
            if (more) readNext();
        });
    }

    Json call(Json request) {
        std::string tx = nextTransaction();
        write(request.set("transaction", tx).text());
        for (std::string reply = read();; reply = read())
            if (reply.find(tx) != std::string::npos) return Json::parse(reply);
    }
    void write(const std::string &text) { ws_.write(boost::asio::buffer(text)); }

    boost::beast::websocket::stream<boost::asio::ip::tcp::socket> ws_;
    boost::beast::flat_buffer async_buffer_;
    std::function<bool(std::string_view)> on_message_;
    uint64_t session_ = 0, handle_ = 0;
};

// The send time a message's text carries: "t=<microseconds>".
int64_t sentAt(std::string_view event) {
    size_t at = event.find("t=");
    int64_t value = 0;
    if (at != std::string_view::npos)
        std::from_chars(event.data() + at + 2, event.data() + event.size(), value);
    return value;
}

double percentile(std::vector<int64_t> &v, double p) {
    if (v.empty()) return 0;
    size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
    std::nth_element(v.begin(), v.begin() + static_cast<long>(i), v.end());
    return static_cast<double>(v[i]) / 1000.0;
}

} // namespace

int main(int argc, char **argv) {
    int subscribers = 100, rate = 1000, seconds = 10;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string flag = argv[i];
        int value = std::stoi(argv[i + 1]);
        if (flag == "--subscribers") subscribers = value;
        else if (flag == "--rate") rate = value;
        else if (flag == "--duration-s") seconds = value;
        else {
            std::fprintf(stderr, "usage: chat_bench [--subscribers N] [--rate R] [--duration-s S]\n");
            return 2;
        }
    }
    ServerOptions options;
    options.plugin_configs = {{"chat", R"({"enabled": true, "max_members": 100000,
        "rate_limit": {"messages_per_s": 1000000, "burst": 1000000}, "rooms": {"1": {}}})"}};
    ServerProcess server(options);

    boost::asio::io_context io;
    std::vector<std::unique_ptr<Member>> members;
    for (int i = 0; i < subscribers; ++i)
        members.push_back(std::make_unique<Member>(io, server, "sub" + std::to_string(i)));
    boost::asio::io_context publisher_io;
    Member publisher(publisher_io, server, "publisher");

    const long expected = static_cast<long>(rate) * seconds * subscribers;
    std::atomic<long> delivered{0};
    std::atomic<int64_t> last_delivery_us{0};
    std::vector<int64_t> latencies;
    latencies.reserve(static_cast<size_t>(expected));
    const size_t per_member = static_cast<size_t>(rate) * static_cast<size_t>(seconds);
    std::vector<size_t> received(members.size(), 0);
    for (size_t i = 0; i < members.size(); ++i)
        members[i]->readAll([&, i](std::string_view text) {
            if (text.find("\"textroom\":\"message\"") == std::string_view::npos) return true;
            int64_t now = nowUs();
            latencies.push_back(now - sentAt(text));
            last_delivery_us.store(now);
            ++delivered;
            return ++received[i] < per_member;
        });
    std::thread reader([&] { io.run(); });
    // The publisher's own answers and events are read and dropped.
    std::thread drain([&] {
        while (!publisher.read().empty()) {
        }
    });

    // Paced sends; the publisher's answers stay unread in its inbox.
    int64_t start_us = nowUs();
    auto next = Clock::now();
    const auto gap = std::chrono::nanoseconds(1'000'000'000 / rate);
    for (long i = 0; i < static_cast<long>(rate) * seconds; ++i) {
        std::this_thread::sleep_until(next);
        next += gap;
        publisher.send(Json().set("request", "message").set("room", kRoom).set("ack", false).set("text", "t=" + std::to_string(nowUs())));
    }
    reader.join();
    server.terminate();
    drain.join();

    double elapsed_s = static_cast<double>(last_delivery_us.load() - start_us) / 1e6;
    std::printf("subscribers=%d\nrate=%d\nduration_s=%d\n", subscribers, rate, seconds);
    std::printf("deliveries=%ld\nexpected=%ld\nelapsed_s=%.2f\ndeliveries_per_s=%.0f\n", delivered.load(), expected,
                elapsed_s, static_cast<double>(delivered.load()) / elapsed_s);
    std::printf("latency_ms_p50=%.1f\nlatency_ms_p95=%.1f\nlatency_ms_p99=%.1f\n", percentile(latencies, 0.50),
                percentile(latencies, 0.95), percentile(latencies, 0.99));
    return delivered.load() == expected ? 0 : 1;
}
