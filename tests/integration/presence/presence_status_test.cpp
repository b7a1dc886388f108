// Custom status text reaches watchers, and a user's last-seen time and text
// survive a restart (sqlite in general.state_dir).
#include "presence_client.hpp"

#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

namespace portunus::test {
namespace {

ServerOptions sharingState(const TempDir &state) {
    ServerOptions o;
    o.overrides = Json().setRaw("general", Json().set("state_dir", state.str()).text()).text();
    o.plugin_configs = {{"presence", presenceConfig(R"("heartbeat_interval_s": 3600, "max_heartbeat_interval_s": 3600)")}};
    return o;
}

TEST(PresenceStatus, CustomStatusTextAndLastSeenSurviveARestart) {
    TempDir state("presence-state");
    int64_t last_seen = 0;
    {
        ServerProcess server(sharingState(state));
        PresenceClient watcher(server), alice(server);
        watcher.send(R"({"request":"watch","scope":"room:1"})");
        alice.send(R"({"request":"track","scope":"room:1","user":"alice"})");
        watcher.waitFor("room:1", "alice", "online");
        EXPECT_EQ(alice.send(R"({"request":"set_status","status_text":"on holiday"})").str("/status_text"), "on holiday");
        watcher.waitFor([](const Json &e) { return e.str("/user") == "alice" && e.str("/status_text") == "on holiday"; });

        alice.cut();
        Json offline = watcher.waitFor("room:1", "alice", "offline");
        last_seen = offline.i64("/last_seen");
        EXPECT_GT(last_seen, 0);
        EXPECT_EQ(offline.str("/status_text"), "on holiday");
        EXPECT_EQ(server.terminate(), 0);
    }
    ServerProcess server(sharingState(state));
    PresenceClient reader(server);
    Json list = reader.send(R"({"request":"list","scope":"room:1","users":["alice","nobody"]})");
    EXPECT_EQ(list.str("/members/0/user"), "alice");
    EXPECT_EQ(list.str("/members/0/status"), "offline");
    EXPECT_EQ(list.i64("/members/0/last_seen"), last_seen);
    EXPECT_EQ(list.str("/members/0/status_text"), "on holiday");
    EXPECT_TRUE(list.find("/members/1/last_seen")->IsNull());

    // Back online, alice keeps her text.
    PresenceClient alice(server);
    alice.send(R"({"request":"track","scope":"room:1","user":"alice"})");
    EXPECT_EQ(reader.send(R"({"request":"list","scope":"room:1"})").str("/members/0/status_text"), "on holiday");
}

} // namespace
} // namespace portunus::test
