// SfuRooms: rooms from the shipped config, create/edit/destroy/exists/list/
// listparticipants/allowed with secrets and pins, permanent rooms in the
// sqlite store across a restart, the admin API, and config errors.
#include "sfu_client.hpp"

#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace portunus::test {
namespace {

std::string shippedConfig() {
    std::ifstream in(std::string(PORTUNUS_SOURCE_CONF_DIR) + "/plugins.d/sfu.jsonc");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}


const Json *findRoom(const std::vector<Json> &list, uint64_t id, std::vector<Json> &keep) {
    for (const Json &r : list)
        if (r.u64("/room") == id) {
            keep.push_back(r);
            return &keep.back();
        }
    return nullptr;
}

TEST(SfuRooms, DemoRoomFromShippedConfig) {
    ServerProcess server(sfuServer(shippedConfig()));
    SfuClient client(server); // through the Janus alias
    Json list = client.sync(request("list"));
    std::vector<Json> keep;
    const Json *demo = findRoom(list.items("/list"), 1234, keep);
    ASSERT_TRUE(demo) << list;
    EXPECT_EQ(demo->str("/description"), "Demo Room");
    EXPECT_EQ(demo->u64("/max_publishers"), 6u);
    EXPECT_EQ(demo->u64("/bitrate"), 128000u);
    EXPECT_EQ(demo->u64("/fir_freq"), 10u);
    EXPECT_EQ(demo->str("/audiocodec"), "opus");
    EXPECT_EQ(demo->str("/videocodec"), "vp8");
    EXPECT_FALSE(demo->boolean("/pin_required"));
    EXPECT_EQ(demo->u64("/num_participants"), 0u);
    SfuClient native(server, "portunus.plugin.sfu");
    EXPECT_TRUE(native.sync(request("exists").set("room", 1234)).boolean("/exists"));
}

TEST(SfuRooms, CreateEditDestroyWithSecret) {
    ServerProcess server(sfuServer());
    SfuClient c(server);
    Json created = c.sync(request("create").set("room", 42).set("description", "Team").set("secret", "s3").set("pin", "p1")
                              .set("is_private", true).set("publishers", 2));
    EXPECT_EQ(created.str("/videoroom"), "created") << created;
    EXPECT_EQ(created.u64("/room"), 42u);
    EXPECT_FALSE(created.boolean("/permanent"));
    EXPECT_EQ(errorCode(c.sync(request("create").set("room", 42))), 427);
    EXPECT_TRUE(c.sync(request("exists").set("room", 42)).boolean("/exists"));
    EXPECT_FALSE(c.sync(request("exists").set("room", 43)).boolean("/exists"));
    // Private: not listed.
    std::vector<Json> keep;
    EXPECT_FALSE(findRoom(c.sync(request("list")).items("/list"), 42, keep));

    EXPECT_EQ(errorCode(c.sync(request("edit").set("room", 42).set("new_description", "x"))), 429);
    EXPECT_EQ(errorCode(c.sync(request("edit").set("room", 42).set("secret", "no").set("new_description", "x"))), 433);
    Json edited = c.sync(request("edit").set("room", 42).set("secret", "s3").set("new_is_private", false)
                             .set("new_description", "Team B").set("new_pin", ""));
    EXPECT_EQ(edited.str("/videoroom"), "edited") << edited;
    const Json *room = findRoom(c.sync(request("list")).items("/list"), 42, keep);
    ASSERT_TRUE(room);
    EXPECT_EQ(room->str("/description"), "Team B");
    EXPECT_FALSE(room->boolean("/pin_required"));
    EXPECT_EQ(room->u64("/max_publishers"), 2u);

    EXPECT_EQ(errorCode(c.sync(request("destroy").set("room", 42).set("secret", "no"))), 433);
    Json destroyed = c.sync(request("destroy").set("room", 42).set("secret", "s3"));
    EXPECT_EQ(destroyed.str("/videoroom"), "destroyed") << destroyed;
    EXPECT_FALSE(c.sync(request("exists").set("room", 42)).boolean("/exists"));
    EXPECT_EQ(errorCode(c.sync(request("destroy").set("room", 42))), 426);
    // A room without an id gets one.
    Json random = c.sync(request("create"));
    EXPECT_GT(random.u64("/room"), 0u) << random;
}

TEST(SfuRooms, PinAllowedAndListParticipants) {
    ServerProcess server(sfuServer());
    SfuClient admin(server);
    admin.sync(request("create").set("room", 7).set("pin", "1111").set("secret", "s"));
    Json allowed = admin.sync(request("allowed").set("room", 7).set("secret", "s").set("action", "add")
                                  .setRaw("allowed", R"(["tok-a","tok-b"])"));
    EXPECT_EQ(allowed.size("/allowed"), 2u) << allowed;
    allowed = admin.sync(request("allowed").set("room", 7).set("secret", "s").set("action", "remove")
                             .setRaw("allowed", R"(["tok-b"])"));
    EXPECT_EQ(allowed.size("/allowed"), 1u) << allowed;
    EXPECT_EQ(errorCode(admin.sync(request("allowed").set("room", 7).set("action", "enable"))), 429);

    SfuClient alice(server);
    Json join = Json().set("request", "join").set("ptype", "publisher").set("room", 7).set("display", "Alice");
    EXPECT_EQ(errorCode(alice.async(join).at("/plugindata/data")), 429); // no pin
    EXPECT_EQ(errorCode(alice.async(Json(join).set("pin", "0000")).at("/plugindata/data")), 433);
    EXPECT_EQ(errorCode(alice.async(Json(join).set("pin", "1111").set("token", "tok-b")).at("/plugindata/data")), 433);
    Json joined = alice.async(Json(join).set("pin", "1111").set("token", "tok-a").set("id", 5)).at("/plugindata/data");
    EXPECT_EQ(joined.str("/videoroom"), "joined") << joined;
    EXPECT_EQ(joined.u64("/id"), 5u);
    EXPECT_GT(joined.u64("/private_id"), 0u);
    EXPECT_EQ(joined.size("/publishers"), 0u);

    Json participants = admin.sync(request("listparticipants").set("room", 7));
    EXPECT_EQ(participants.str("/videoroom"), "participants") << participants;
    ASSERT_EQ(participants.size("/participants"), 1u) << participants;
    EXPECT_EQ(participants.u64("/participants/0/id"), 5u);
    EXPECT_EQ(participants.str("/participants/0/display"), "Alice");
    EXPECT_FALSE(participants.boolean("/participants/0/publisher"));
}

TEST(SfuRooms, PermanentRoomSurvivesRestart) {
    TempDir state("sfu-state");
    const std::string overrides = Json::parse(R"({"general": {}})").merge(
        Json().set("general", Json().set("state_dir", state.str()))).text();
    {
        ServerProcess server(sfuServer(R"({"enabled": true, "rooms": {"1234": {"description": "Demo Room"}}})", overrides));
        SfuClient c(server);
        Json created = c.sync(request("create").set("room", 77).set("permanent", true).set("description", "Kept")
                                  .set("secret", "k").set("bitrate", 300000));
        EXPECT_TRUE(created.boolean("/permanent")) << created;
        c.sync(request("create").set("room", 78));
        // A config room is never written to the store.
        EXPECT_FALSE(c.sync(request("edit").set("room", 1234).set("permanent", true).set("new_description", "x"))
                         .boolean("/permanent"));
        EXPECT_TRUE(c.sync(request("edit").set("room", 77).set("secret", "k").set("permanent", true)
                               .set("new_description", "Kept and edited")).boolean("/permanent"));
        server.terminate();
    }
    {
        ServerProcess server(sfuServer(R"({"enabled": true})", overrides));
        SfuClient c(server);
        EXPECT_FALSE(c.sync(request("exists").set("room", 78)).boolean("/exists"));
        EXPECT_FALSE(c.sync(request("exists").set("room", 1234)).boolean("/exists"));
        std::vector<Json> keep;
        const Json *room = findRoom(c.sync(request("list")).items("/list"), 77, keep);
        ASSERT_TRUE(room) << server.log();
        EXPECT_EQ(room->str("/description"), "Kept and edited");
        EXPECT_EQ(room->u64("/bitrate"), 300000u);
        EXPECT_EQ(errorCode(c.sync(request("destroy").set("room", 77))), 429); // the secret was kept too
        EXPECT_TRUE(c.sync(request("destroy").set("room", 77).set("secret", "k").set("permanent", true)).boolean("/permanent"));
        server.terminate();
    }
    ServerProcess server(sfuServer(R"({"enabled": true})", overrides));
    SfuClient c(server);
    EXPECT_FALSE(c.sync(request("exists").set("room", 77)).boolean("/exists"));
}

TEST(SfuRooms, AdminApiRequests) {
    ServerProcess server(sfuServer());
    Json created = adminSfu(server, request("create").set("room", 9).set("is_private", true));
    EXPECT_EQ(created.str("/videoroom"), "created") << created;
    EXPECT_TRUE(adminSfu(server, request("exists").set("room", 9)).boolean("/exists"));
    EXPECT_EQ(errorCode(adminSfu(server, request("create").set("room", 9))), 427);
    EXPECT_EQ(errorCode(adminSfu(server, request("join").set("room", 9))), 423); // handle requests need a handle
    EXPECT_EQ(adminSfu(server, request("listparticipants").set("room", 9)).size("/participants"), 0u);
}

// The core refuses the plugin (and runs on without it) with file:line for
// what the schema catches, and with the plugin's reason for the rest.
TEST(SfuRooms, BadConfigIsRefusedWithFileAndLine) {
    ServerProcess typed(sfuServer("{\n  \"enabled\": true,\n  \"rooms\": {\"5\": {\n    \"publishers\": \"six\"}}\n}\n"));
    EXPECT_TRUE(typed.waitForLog(R"(sfu\.jsonc:4: 'rooms/5/publishers' must be of type integer)"));
    EXPECT_TRUE(typed.waitForLog("sfu: refused"));
    ServerProcess codec(sfuServer(R"({"enabled": true, "rooms": {"5": {"videocodec": "vp8,theora"}}})"));
    EXPECT_TRUE(codec.waitForLog("rooms/5: .*unsupported codec 'theora'"));
    ServerProcess key(sfuServer(R"({"enabled": true, "rooms": {"five": {}}})"));
    EXPECT_TRUE(key.waitForLog("rooms: 'five' is not a room id"));
}

} // namespace
} // namespace portunus::test
