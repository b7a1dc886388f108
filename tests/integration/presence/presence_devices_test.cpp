// Several devices of one user, and away after inactivity: a user is the best
// of its devices, offline only when the last one is gone.
#include "presence_client.hpp"

#include <gtest/gtest.h>

namespace portunus::test {
namespace {

ServerOptions withPresence(const std::string &settings) {
    ServerOptions o;
    o.plugin_configs = {{"presence", presenceConfig(settings)}};
    return o;
}

TEST(PresenceMultiDevice, OnlineWhileAnyDeviceIsThereOfflineWhenBothAreGone) {
    ServerProcess server(withPresence(R"("heartbeat_interval_s": 3600, "max_heartbeat_interval_s": 3600)"));
    PresenceClient watcher(server), phone(server), laptop(server);
    watcher.send(R"({"request":"watch","scope":"room:7"})");
    phone.send(R"({"request":"track","scope":"room:7","user":"alice"})");
    watcher.waitFor("room:7", "alice", "online", 1);
    laptop.send(R"({"request":"track","scope":"room:7","user":"alice"})");
    watcher.waitFor("room:7", "alice", "online", 2);

    phone.cut();
    watcher.waitFor("room:7", "alice", "online", 1);
    Json list = watcher.send(R"({"request":"list","scope":"room:7"})");
    EXPECT_EQ(list.str("/members/0/status"), "online");
    EXPECT_EQ(list.u64("/counts/online"), 1u);

    EXPECT_EQ(laptop.janus("detach", true).janus(), "success");
    watcher.waitFor("room:7", "alice", "offline", 0);
}

TEST(PresenceAway, AfterInactivityPerDeviceAndTheUserIsTheBestOfThem) {
    // No coalescing window: an idle device turns away a second after being
    // active, and no state may be folded into the next one here.
    ServerProcess server(withPresence(
        R"("away_after_s": 1, "event_window_ms": 0, "heartbeat_interval_s": 3600, "max_heartbeat_interval_s": 3600)"));
    PresenceClient watcher(server), phone(server), laptop(server);
    watcher.send(R"({"request":"watch","scope":"room:7"})");
    phone.send(R"({"request":"track","scope":"room:7","user":"alice"})");
    watcher.waitFor("room:7", "alice", "online", 1);
    watcher.waitFor("room:7", "alice", "away", 1); // idle phone

    // The phone stays away; the laptop is active: alice is online.
    EXPECT_EQ(laptop.send(R"({"request":"track","scope":"room:7","user":"alice"})").u64("/away_after_s"), 1u);
    watcher.waitFor("room:7", "alice", "online", 2);
    watcher.waitFor("room:7", "alice", "away", 2); // both idle now
    EXPECT_EQ(watcher.send(R"({"request":"list","scope":"room:7"})").u64("/counts/away"), 1u);

    laptop.send(R"({"request":"activity"})");
    watcher.waitFor("room:7", "alice", "online", 2);
    EXPECT_EQ(laptop.janus("detach", true).janus(), "success");
    watcher.waitFor("room:7", "alice", "away", 1); // what is left is the idle phone
    phone.cut();
    watcher.waitFor("room:7", "alice", "offline", 0);
}

} // namespace
} // namespace portunus::test
