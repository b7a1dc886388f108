#include "api/client_endpoint.hpp"

#include "api/api_path.hpp"
#include "api/json.hpp"
#include "loop/loop_pool.hpp"
#include "session/session_manager.hpp"
#include "transport/websocket_connection.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <atomic>

namespace portunus {

namespace http = boost::beast::http;

namespace {
constexpr size_t kMaxEventsPerPoll = 100;

void addCors(HttpResponse &res, const std::string &origin) {
    if (origin.empty()) return;
    res.set(http::field::access_control_allow_origin, origin);
    res.set(http::field::access_control_allow_methods, "GET, POST, OPTIONS");
    res.set(http::field::access_control_allow_headers, "Content-Type, Authorization");
    res.set(http::field::access_control_max_age, "600");
}

std::string eventsBody(std::vector<std::string> events, size_t max) {
    if (events.empty()) events.push_back(R"({"janus":"keepalive"})");
    if (max == 1) return events.front();
    std::string body = "[";
    for (size_t i = 0; i < events.size(); ++i) body += (i ? "," : "") + events[i];
    return body + "]";
}
} // namespace

ClientEndpoint::ClientEndpoint(ApiContext &ctx, HttpRoutes &routes)
    : ctx_(ctx), api_(ctx), rtc_(ctx), routes_(routes), files_(ctx.config.web_root) {}

HttpResponse ClientEndpoint::json(const HttpRequest &request, std::string body) const {
    auto res = makeResponse(request, http::status::ok, "application/json", std::move(body));
    addCors(res, ctx_.config.client.cors_origin);
    return res;
}

void ClientEndpoint::onHttpRequest(const HttpRequest &request, const std::string &remote, HttpRespond respond) {
    if (request.method() == http::verb::options) {
        auto res = makeResponse(request, http::status::no_content, "text/plain", "");
        addCors(res, ctx_.config.client.cors_origin);
        respond(std::move(res));
        return;
    }
    auto path = api::parseApiPath(request.target(), ctx_.config.client.http.base_path);
    if (!path) {
        if (auto res = rtc_.handle(request, remote)) {
            addCors(*res, ctx_.config.client.cors_origin);
            respond(std::move(*res));
            return;
        }
        if (routes_.dispatch(request, respond)) return;
        if (auto res = files_.serve(request)) {
            respond(std::move(*res));
            return;
        }
        respond(makeResponse(request, http::status::method_not_allowed, "text/plain", "method not allowed\n"));
        return;
    }
    auto error = [&](api::ErrorCode code, std::string reason) {
        respond(json(request, api::errorReply(std::nullopt, path->session.value_or(0), static_cast<int>(code), reason)));
    };
    if (!path->valid) return error(api::ErrorCode::invalid_request_path, "Invalid path");
    if (request.method() == http::verb::get) {
        if (path->word == "info" || (!path->session && path->word.empty())) {
            ClientRequestContext rc{nullptr, std::nullopt, std::nullopt, remote};
            api_.handle(R"({"janus":"info","transaction":"info"})", rc,
                        [&](std::string body) { respond(json(request, std::move(body))); });
            return;
        }
        if (!path->session || path->handle)
            return error(api::ErrorCode::invalid_request_path, "Use POST for this path");
        std::string maxev = api::queryValue(path->query, "maxev");
        size_t max = maxev.empty() ? 1 : std::clamp<size_t>(std::strtoul(maxev.c_str(), nullptr, 10), 1, kMaxEventsPerPoll);
        longPoll(request, *path->session, max, std::move(respond));
        return;
    }
    if (request.method() != http::verb::post) return error(api::ErrorCode::transport_specific, "Use GET or POST");
    if (!path->word.empty()) return error(api::ErrorCode::invalid_request_path, "Invalid path");
    ClientRequestContext rc{nullptr, path->session, path->handle, remote};
    api_.handle(request.body(), rc, [&](std::string body) { respond(json(request, std::move(body))); });
}

void ClientEndpoint::longPoll(const HttpRequest &request, uint64_t session_id, size_t max, HttpRespond respond) {
    auto session = ctx_.sessions.find(session_id);
    if (!session || session->destroyed()) {
        respond(json(request, api::errorReply(std::nullopt, session_id, static_cast<int>(api::ErrorCode::session_not_found),
                                              "No such session " + std::to_string(session_id))));
        return;
    }
    struct Pending {
        Pending(boost::asio::io_context &io, HttpResponse r, HttpRespond f)
            : timer(io), templ(std::move(r)), respond(std::move(f)) {}
        boost::asio::steady_timer timer;
        HttpResponse templ;
        HttpRespond respond;
        std::atomic<bool> done{false};
        void answer(std::string body) {
            if (done.exchange(true)) return;
            templ.body() = std::move(body);
            templ.prepare_payload();
            respond(std::move(templ));
        }
    };
    auto &io = ctx_.loops.control().context();
    auto pending = std::make_shared<Pending>(io, json(request, ""), std::move(respond));
    auto timeout = std::chrono::seconds(ctx_.config.client.long_poll_timeout_s);
    // The timer lives on the control loop: every operation on it happens there.
    boost::asio::post(io, [pending, session, max, timeout, &io] {
        uint64_t id = session->poll(max, [pending, max, &io](std::vector<std::string> events) {
            pending->answer(eventsBody(std::move(events), max));
            boost::asio::post(io, [pending] { pending->timer.cancel(); });
        });
        if (pending->done) return;
        pending->timer.expires_after(timeout);
        pending->timer.async_wait([pending, session, id, max](const boost::system::error_code &ec) {
            if (!ec && session->cancelPoll(id)) pending->answer(eventsBody({}, max));
        });
    });
}

void ClientEndpoint::onWebSocketMessage(const std::shared_ptr<WebSocketConnection> &connection, std::string text) {
    ClientRequestContext rc{connection, std::nullopt, std::nullopt, connection->remote()};
    api_.handle(text, rc, [&](std::string reply) { connection->sendEvent(std::move(reply)); });
}

void ClientEndpoint::onWebSocketClosed(WebSocketConnection &connection) { ctx_.sessions.destroyOwnedBy(&connection); }

} // namespace portunus
