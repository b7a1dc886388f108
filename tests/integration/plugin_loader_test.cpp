// The plugin loader refuses what it cannot run — a file that is no shared
// object, a shared object without portunus_plugin_entry, a plugin for another
// API version, a plugin whose init fails, an enabled plugin without its .so —
// with one clear log line each, and goes on serving echotest; admin
// list_plugins shows the refused entry with running:false and its error. A
// disabled plugin is listed but not loaded.
#include "support/expect.hpp"
#include "support/janus_client.hpp"
#include "support/process.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

#include <portunus/plugin.h>

#include <gtest/gtest.h>

#include <filesystem>

namespace portunus::test {
namespace {

namespace fs = std::filesystem;

const fs::path kBadPlugins = PORTUNUS_TEST_BAD_PLUGIN_DIR;

class PluginLoader : public ::testing::Test {
protected:
    TempDir plugins{"portunus-plugins"};
    std::map<std::string, std::string> configs{{"echotest", R"({ "enabled": true })"}};
    std::unique_ptr<ServerProcess> server;

    void SetUp() override { fs::create_symlink(fs::path(builtPluginDir()) / "echotest.so", plugins / "echotest.so"); }

    // Puts the test-only plugin <name>.so into this test's plugins folder.
    void addBuilt(const std::string &name) {
        fs::path so = kBadPlugins / (name + ".so");
        ASSERT_TRUE(fs::exists(so)) << so;
        fs::create_symlink(so, plugins / (name + ".so"));
    }
    void enable(const std::string &name, bool enabled = true) {
        configs[name] = std::string(R"({ "enabled": )") + (enabled ? "true" : "false") + " }";
    }
    void start() {
        ServerOptions options;
        options.plugins_dir = plugins.str();
        options.plugin_configs = configs;
        server = std::make_unique<ServerProcess>(options);
    }
    std::string configFile(const std::string &name) const {
        return (fs::path(server->configDir()) / "plugins.d" / (name + ".jsonc")).string();
    }

    // The list_plugins entry named `name`.
    Json listed(const std::string &name) {
        AdminClient admin(Transport::http, *server);
        Json reply = admin.requestWithSecret(janusRequest("list_plugins"));
        for (Json &p : reply.items("/plugins"))
            if (p.str("/name") == name) return p;
        ADD_FAILURE() << name << " is not in " << reply;
        return Json();
    }

    // The server logged exactly one refusal for `name`, containing every one of `parts`.
    void expectOneRefusal(const std::string &name, const std::vector<std::string> &parts) {
        auto lines = server->grepLog(R"(\[plugins\] )" + name + ": refused: ");
        ASSERT_EQ(lines.size(), 1u) << server->log();
        EXPECT_NE(lines[0].find("error"), std::string::npos) << "not logged as an error: " << lines[0];
        for (const auto &part : parts) EXPECT_NE(lines[0].find(part), std::string::npos) << "'" << part << "' not in: " << lines[0];
        EXPECT_EQ(server->grepLog("refused").size(), 1u) << "other plugins were refused too:\n" << server->log();
    }

    void expectListedAsRefused(const std::string &name, const std::string &reason) {
        Json entry = listed(name);
        EXPECT_TRUE(entry.boolean("/enabled")) << entry;
        EXPECT_FALSE(entry.boolean("/running")) << entry;
        ASSERT_TRUE(entry.has("/error")) << entry;
        EXPECT_NE(entry.str("/error").find(reason), std::string::npos) << entry;
    }

    void expectEchotestServes() {
        Json echo = listed("echotest");
        EXPECT_TRUE(echo.boolean("/running")) << echo;
        auto client = JanusClient::connect(Transport::http, *server);
        uint64_t session = client->createSession();
        uint64_t handle = client->attach(session, "janus.plugin.echotest");
        Json ack = client->request(janusRequest("message").setRaw("body", R"({"audio":true})"), session, handle);
        EXPECT_TRUE(isReply(ack, "ack"));
        EXPECT_TRUE(isReply(client->nextEvent(session), "event"));
    }
};

TEST_F(PluginLoader, RefusesAFileThatIsNotASharedObject) {
    plugins.write("bad.so", "this is a text file, not an ELF shared object\n");
    enable("bad");
    start();
    std::string file = (plugins / "bad.so").string();
    expectOneRefusal("bad", {file, "not a loadable shared object"});
    expectListedAsRefused("bad", "not a loadable shared object");
    expectEchotestServes();
}

TEST_F(PluginLoader, RefusesASharedObjectWithoutTheEntrySymbol) {
    addBuilt("no_entry");
    enable("no_entry");
    start();
    std::string file = (plugins / "no_entry.so").string();
    expectOneRefusal("no_entry", {file, "no 'portunus_plugin_entry' symbol"});
    expectListedAsRefused("no_entry", "portunus_plugin_entry");
    expectEchotestServes();
}

TEST_F(PluginLoader, RefusesAPluginBuiltForAnotherApiVersion) {
    addBuilt("wrong_api_version");
    enable("wrong_api_version");
    start();
    std::string file = (plugins / "wrong_api_version.so").string();
    std::string reason = "built for plugin API version " + std::to_string(PORTUNUS_PLUGIN_API_VERSION + 1) +
                         ", this server speaks version " + std::to_string(PORTUNUS_PLUGIN_API_VERSION);
    expectOneRefusal("wrong_api_version", {file, reason});
    expectListedAsRefused("wrong_api_version", reason);
    expectEchotestServes();
}

TEST_F(PluginLoader, RefusesAPluginWhoseInitFails) {
    addBuilt("init_fails");
    enable("init_fails");
    start();
    std::string file = (plugins / "init_fails.so").string();
    expectOneRefusal("init_fails", {file, "init failed", "init_fails refuses to start on purpose"});
    expectListedAsRefused("init_fails", "init_fails refuses to start on purpose");
    // Its package name is not attachable.
    auto client = JanusClient::connect(Transport::http, *server);
    uint64_t session = client->createSession();
    EXPECT_TRUE(isError(client->request(janusRequest("attach").set("plugin", "portunus.plugin.test.initfails"), session), 460));
    expectEchotestServes();
}

TEST_F(PluginLoader, RefusesAnEnabledPluginWithoutItsSharedObject) {
    enable("ghost");
    start();
    std::string file = (plugins / "ghost.so").string();
    expectOneRefusal("ghost", {configFile("ghost"), file});
    expectListedAsRefused("ghost", file);
    EXPECT_EQ(listed("ghost").str("/file"), "");
    expectEchotestServes();
}

TEST_F(PluginLoader, ListsADisabledPluginWithoutLoadingIt) {
    addBuilt("init_fails"); // would log a refusal if it were loaded
    enable("init_fails", false);
    addBuilt("no_entry");   // no plugins.d file at all: not enabled either
    start();
    EXPECT_TRUE(server->grepLog("refused").empty()) << server->log();
    EXPECT_EQ(server->grepLog(R"(\[plugins\] init_fails: disabled)").size(), 1u) << server->log();
    for (const char *name : {"init_fails", "no_entry"}) {
        Json entry = listed(name);
        EXPECT_FALSE(entry.boolean("/enabled")) << entry;
        EXPECT_FALSE(entry.boolean("/running")) << entry;
        EXPECT_FALSE(entry.has("/error")) << entry;
        EXPECT_FALSE(entry.has("/package")) << "it was loaded: " << entry;
    }
    expectEchotestServes();
}

} // namespace
} // namespace portunus::test
