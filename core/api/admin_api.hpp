// The admin API (Janus admin protocol plus Portunus requests), every request
// checked against admin_secret: info, ping, get_status, list_sessions,
// list_handles, handle_info, list_plugins, set_log_level, message_plugin,
// destroy_session.
#pragma once

#include "api/api_context.hpp"
#include "api/request.hpp"

#include <rapidjson/document.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace portunus {

struct AdminRequestContext {
    std::optional<uint64_t> path_session;
    std::optional<uint64_t> path_handle;
    std::string remote;
};

class AdminApi {
public:
    explicit AdminApi(ApiContext &ctx) : ctx_(ctx) {}
    std::string handle(std::string_view body, const AdminRequestContext &rc);

private:
    struct Request : api::Request {
        rapidjson::Document out; // the success reply being built
    };
    std::string dispatch(Request &r);
    std::string handleInfo(Request &r);
    std::string listPlugins(Request &r);
    std::string setLogLevel(Request &r);
    std::string messagePlugin(Request &r);
    std::string mintJoinTicket(Request &r);
    std::string moderate(Request &r);
    // Ends every session with a handle whose ticket names `user_uid` in
    // `channel_id`; the client hears "detached". Returns how many.
    size_t disconnect(const std::string &channel_id, const std::string &user_uid, const char *reason);
    std::string status(Request &r);

    ApiContext &ctx_;
};

} // namespace portunus
