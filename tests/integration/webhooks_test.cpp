// Webhooks: a local HTTP receiver that fails its first two deliveries still
// gets every lifecycle event of a session exactly once (ids unique), in order.
#include "support/janus_client.hpp"
#include "support/json.hpp"
#include "support/server_process.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

namespace portunus::test {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;

// Answers 500 to the first `failures` POSTs and 200 to the rest, keeping the
// events of the accepted ones.
class Receiver {
public:
    explicit Receiver(int failures) : failures_(failures), acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}) {
        thread_ = std::thread([this] { serve(); });
    }
    ~Receiver() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        // A connection of our own wakes the blocking accept(), which then sees stopping_.
        asio::ip::tcp::socket poke(io_);
        boost::system::error_code ec;
        poke.connect(acceptor_.local_endpoint(), ec);
        thread_.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + "/hooks"; }

    // Waits until an accepted event has `type`; the accepted events so far.
    std::vector<Json> waitFor(const std::string &type) {
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, kEventTimeout, [&] {
            for (const auto &e : events_)
                if (e.str("/type") == type) return true;
            return false;
        });
        return events_;
    }
    int posts() const {
        std::lock_guard lock(mutex_);
        return posts_;
    }

private:
    void serve() {
        for (;;) {
            asio::ip::tcp::socket socket(io_);
            boost::system::error_code ec;
            acceptor_.accept(socket, ec);
            {
                std::lock_guard lock(mutex_);
                if (ec || stopping_) return;
            }
            boost::beast::flat_buffer buffer;
            http::request<http::string_body> req;
            http::read(socket, buffer, req, ec);
            if (ec) continue;
            bool accept;
            {
                std::lock_guard lock(mutex_);
                accept = ++posts_ > failures_;
                if (accept && req.target() == "/hooks")
                    for (const Json &e : Json::parse(req.body()).items()) events_.push_back(e);
            }
            changed_.notify_all();
            http::response<http::string_body> res{accept ? http::status::ok : http::status::internal_server_error, 11};
            res.keep_alive(false);
            res.prepare_payload();
            http::write(socket, res, ec);
        }
    }

    const int failures_;
    asio::io_context io_;
    asio::ip::tcp::acceptor acceptor_;
    std::thread thread_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<Json> events_;
    int posts_ = 0;
    bool stopping_ = false;
};

TEST(Webhooks, EveryLifecycleEventOnceDespiteFailedDeliveries) {
    Receiver receiver(2);
    ServerOptions options;
    options.overrides = Json()
                            .setRaw("webhooks", Json()
                                                    .setRaw("urls", "[\"" + receiver.url() + "\"]")
                                                    .set("retry_initial_ms", static_cast<uint64_t>(10))
                                                    .set("retry_max_ms", static_cast<uint64_t>(50))
                                                    .text())
                            .text();
    ServerProcess server(options);
    auto client = JanusClient::connect(Transport::http, server);
    uint64_t session = client->createSession();
    uint64_t handle = client->attach(session);
    ASSERT_EQ(client->request(janusRequest("detach"), session, handle).janus(), "success");
    ASSERT_EQ(client->request(janusRequest("destroy"), session).janus(), "success");

    std::vector<Json> events = receiver.waitFor("session.destroyed");
    std::vector<std::string> types;
    std::set<std::string> ids;
    for (const Json &e : events) {
        types.push_back(e.str("/type"));
        ids.insert(e.str("/id"));
        EXPECT_EQ(e.u64("/session_id"), session) << e;
        EXPECT_GT(e.i64("/timestamp_ms"), 0) << e;
    }
    EXPECT_EQ(types, (std::vector<std::string>{"session.created", "handle.attached", "handle.detached", "session.destroyed"}));
    EXPECT_EQ(ids.size(), events.size()) << "ids are not unique";
    EXPECT_GE(receiver.posts(), 3); // two refused, then accepted
    EXPECT_EQ(server.grepLog("webhooks.*failed").size(), 2u) << server.log();
}

} // namespace
} // namespace portunus::test
