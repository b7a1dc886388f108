// Paging over a big scope: 5 000 members, pages of 128, each member exactly
// once even while others join and leave between pages.
#include "presence_client.hpp"

#include "support/janus_client.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace portunus::test {
namespace {

TEST(PresencePaging, FiveThousandMembersEachExactlyOnce) {
    ServerOptions o;
    // The reader pages quickly: no rate limit in its way.
    o.plugin_configs = {{"presence", presenceConfig(R"("heartbeat_interval_s": 3600, "max_heartbeat_interval_s": 3600,
                                                       "requests_per_s": 100000, "request_burst": 100000)")}};
    ServerProcess server(o);
    // One session, one handle (device) per member, over one WebSocket.
    auto client = JanusClient::connect(Transport::websocket, server);
    uint64_t session = client->createSession();
    auto track = [&](const std::string &user) {
        uint64_t handle = client->attach(session, "portunus.plugin.presence");
        Json body = Json().set("request", "track").set("scope", "tenant:big").set("user", user);
        Json reply = client->request(janusRequest("message").set("body", body), session, handle);
        if (reply.janus() != "success") throw std::runtime_error(reply.text());
        return handle;
    };
    std::map<std::string, uint64_t> handles;
    for (int i = 0; i < 5000; ++i) {
        std::string user = "user" + std::to_string(i);
        handles[user] = track(user);
    }

    PresenceClient reader(server);
    std::multiset<std::string> seen;
    std::set<std::string> left;
    std::string cursor;
    for (int page = 0;; ++page) {
        Json body = Json().set("request", "list").set("scope", "tenant:big").set("limit", 128);
        if (!cursor.empty()) body.set("cursor", cursor);
        Json list = reader.send(body.text());
        if (page == 0) {
            EXPECT_EQ(list.u64("/counts/online"), 5000u);
        }
        for (const Json &m : list.items("/members")) seen.insert(m.str("/user"));
        if (!list.has("/cursor")) break;
        cursor = list.str("/cursor");
        // Churn between pages: one member leaves, one newcomer joins.
        std::string leaving = "user" + std::to_string(page * 37 % 5000);
        if (!left.count(leaving)) {
            EXPECT_EQ(client->request(janusRequest("detach"), session, handles[leaving]).janus(), "success");
            left.insert(leaving);
        }
        track("late" + std::to_string(page));
    }
    for (const auto &user : seen) EXPECT_EQ(seen.count(user), 1u) << user;
    for (int i = 0; i < 5000; ++i) {
        std::string user = "user" + std::to_string(i);
        if (!left.count(user)) {
            EXPECT_EQ(seen.count(user), 1u) << user;
        }
    }
}

} // namespace
} // namespace portunus::test
