#include "support/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace portunus::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

HttpResult httpRequest(uint16_t port, const std::string &method, const std::string &target, const std::string &body,
                       std::chrono::milliseconds timeout, const HttpOptions &options) {
    asio::io_context io;
    beast::tcp_stream stream(io);
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
    req.set(http::field::user_agent, "portunus-tests");
    if (req.method() == http::verb::post) req.set(http::field::content_type, "application/json");
    for (const auto &[name, value] : options.headers) req.set(name, value);
    req.keep_alive(false);
    req.body() = body;
    req.prepare_payload();

    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    beast::error_code failure;
    std::string stage = "connect";

    stream.expires_after(timeout);
    asio::ip::tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
    if (!options.source_address.empty()) {
        stream.socket().open(asio::ip::tcp::v4());
        stream.socket().bind({asio::ip::make_address(options.source_address), 0});
    }
    stream.async_connect(endpoint, [&](beast::error_code ec) {
        if (ec) {
            failure = ec;
            return;
        }
        stage = "write";
        http::async_write(stream, req, [&](beast::error_code wec, size_t) {
            // The server may answer and close before reading all of a refused body:
            // read the answer whatever the write says.
            stage = "read";
            http::async_read(stream, buffer, parser, [&](beast::error_code rec, size_t) {
                if (rec) failure = wec ? wec : rec;
            });
        });
    });
    io.run();
    if (failure)
        throw std::runtime_error(method + " " + target + " on port " + std::to_string(port) + ": " + stage +
                                 " failed: " + failure.message());

    const auto &res = parser.get();
    HttpResult out;
    out.status = static_cast<int>(res.result_int());
    out.body = res.body();
    for (const auto &field : res) {
        std::string name(field.name_string());
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        out.headers[name] = std::string(field.value());
    }
    beast::error_code ec;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
    return out;
}

} // namespace portunus::test
