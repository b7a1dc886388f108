// Dirty disconnects: a device whose connection is cut without a goodbye is
// offline for its watchers at once when the server sees the socket close, and
// within its TTL when nothing is seen at all (a silent client).
#include "presence_client.hpp"

#include <gtest/gtest.h>

namespace portunus::test {
namespace {

ServerOptions withPresence(const std::string &settings) {
    ServerOptions o;
    o.plugin_configs = {{"presence", presenceConfig(settings)}};
    return o;
}

TEST(PresenceDirtyDisconnect, SocketCutWithoutGoodbyeIsOfflineAtOnce) {
    // A TTL of two hours: only the socket's close can explain the offline event.
    ServerProcess server(withPresence(R"("heartbeat_interval_s": 3600, "max_heartbeat_interval_s": 3600)"));
    PresenceClient watcher(server), device(server);
    watcher.send(R"({"request":"watch","scope":"room:1"})");
    Json tracked = device.send(R"({"request":"track","scope":"room:1","user":"dana"})");
    EXPECT_EQ(tracked.u64("/ttl_s"), 2 * 3600u + 5);
    watcher.waitFor("room:1", "dana", "online", 1);

    device.cut();
    Json offline = watcher.waitFor("room:1", "dana", "offline", 0);
    EXPECT_TRUE(offline.has("/last_seen"));
    EXPECT_EQ(watcher.send(R"({"request":"list","scope":"room:1"})").size("/members"), 0u);
}

TEST(PresenceDirtyDisconnect, SilentDeviceIsOfflineWhenItsTtlLapsesWhileItsSessionLives) {
    // TTL = 2 x 1 s + 0: the session (60 s keepalive timeout) outlives it.
    ServerProcess server(withPresence(R"("heartbeat_interval_s": 1, "ttl_margin_s": 0)"));
    PresenceClient watcher(server), silent(server);
    watcher.send(R"({"request":"watch","scope":"room:1"})");
    EXPECT_EQ(silent.send(R"({"request":"track","scope":"room:1","user":"sam"})").u64("/ttl_s"), 2u);
    watcher.waitFor("room:1", "sam", "online");

    // No heartbeats from sam: offline, and its own handle hears it expired.
    watcher.waitFor("room:1", "sam", "offline", 0);
    EXPECT_EQ(silent.sendExpectingError(R"({"request":"heartbeat"})"), 424);
    EXPECT_EQ(silent.janus("keepalive", false).janus(), "ack"); // the TTL did it, not the session's end
    silent.send(R"({"request":"track","scope":"room:1"})");
    watcher.waitFor("room:1", "sam", "online");
}

TEST(PresenceDirtyDisconnect, SessionEndAndDetachAreOfflineAtOnce) {
    ServerProcess server(withPresence(R"("heartbeat_interval_s": 3600, "max_heartbeat_interval_s": 3600)"));
    PresenceClient watcher(server), detaching(server), destroying(server);
    watcher.send(R"({"request":"watch","scope":"tenant:acme"})");
    detaching.send(R"({"request":"track","scope":"tenant:acme","user":"dee"})");
    destroying.send(R"({"request":"track","scope":"tenant:acme","user":"ed"})");
    watcher.waitFor("tenant:acme", "dee", "online");
    watcher.waitFor("tenant:acme", "ed", "online");

    EXPECT_EQ(detaching.janus("detach", true).janus(), "success");
    watcher.waitFor("tenant:acme", "dee", "offline");
    // A heartbeat from the detached handle never reaches the plugin: no such handle.
    Json beat = detaching.janus("message", true);
    EXPECT_EQ(beat.errorCode(), 459);

    EXPECT_EQ(destroying.janus("destroy", false).janus(), "success");
    watcher.waitFor("tenant:acme", "ed", "offline");
}

} // namespace
} // namespace portunus::test
