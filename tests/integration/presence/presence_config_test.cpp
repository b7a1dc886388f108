// The shipped plugins.d/presence.jsonc, switched on, is valid and gives the
// documented defaults.
#include "presence_client.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace portunus::test {
namespace {

TEST(PresenceConfig, ShippedFileSwitchedOnStartsWithTheDocumentedDefaults) {
    std::ifstream in(std::string(PORTUNUS_SOURCE_CONF_DIR) + "/plugins.d/presence.jsonc");
    std::stringstream text;
    text << in.rdbuf();
    std::string config = text.str();
    size_t off = config.find("\"enabled\": false");
    ASSERT_NE(off, std::string::npos) << "the shipped file should leave presence off";
    config.replace(off, 16, "\"enabled\": true");

    ServerOptions o;
    o.plugin_configs = {{"presence", config}};
    ServerProcess server(o);
    PresenceClient alice(server);
    Json tracked = alice.send(R"({"request":"track","scope":"tenant:acme","user":"alice"})");
    EXPECT_EQ(tracked.u64("/heartbeat_interval_s"), 25u);
    EXPECT_EQ(tracked.u64("/ttl_s"), 55u);
    EXPECT_EQ(tracked.u64("/away_after_s"), 600u);
}

} // namespace
} // namespace portunus::test
