#include "observe/http_post.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace portunus {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

int httpPostJson(const std::string &url, const std::string &body, std::chrono::milliseconds timeout, std::string &error) {
    constexpr std::string_view kScheme = "http://";
    if (url.rfind(kScheme, 0) != 0) {
        error = "only http:// URLs are supported";
        return 0;
    }
    std::string rest = url.substr(kScheme.size());
    std::string authority = rest.substr(0, rest.find('/'));
    std::string target = rest.find('/') == std::string::npos ? "/" : rest.substr(rest.find('/'));
    size_t colon = authority.rfind(':');
    std::string host = colon == std::string::npos ? authority : authority.substr(0, colon);
    std::string port = colon == std::string::npos ? "80" : authority.substr(colon + 1);

    asio::io_context io;
    asio::ip::tcp::resolver resolver(io);
    beast::tcp_stream stream(io);
    http::request<http::string_body> req{http::verb::post, target, 11};
    req.set(http::field::host, authority);
    req.set(http::field::content_type, "application/json");
    req.set(http::field::user_agent, "portunus-webhooks");
    req.keep_alive(false);
    req.body() = body;
    req.prepare_payload();
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    beast::error_code failure;
    stream.expires_after(timeout);
    resolver.async_resolve(host, port, [&](beast::error_code ec, asio::ip::tcp::resolver::results_type results) {
        if (ec) return void(failure = ec);
        stream.async_connect(results, [&](beast::error_code cec, const asio::ip::tcp::endpoint &) {
            if (cec) return void(failure = cec);
            http::async_write(stream, req, [&](beast::error_code wec, size_t) {
                if (wec) return void(failure = wec);
                http::async_read(stream, buffer, res, [&](beast::error_code rec, size_t) { failure = rec; });
            });
        });
    });
    io.run();
    if (failure) {
        error = failure.message();
        return 0;
    }
    return static_cast<int>(res.result_int());
}

} // namespace portunus
