#include "session/media_context.hpp"
#include "session/session_manager.hpp"

#include "api/api_error.hpp"
#include "loop/loop_pool.hpp"

#include <gtest/gtest.h>

#include <cstring>

using namespace portunus;

namespace {
// A plugin table faked for the unit: counts lifecycle calls, refuses on demand.
struct FakePlugin {
    static inline int created = 0, destroyed = 0;
    static inline bool refuse = false;
    static int create(portunus_handle *, char *err, size_t cap) {
        if (refuse) {
            std::snprintf(err, cap, "full");
            return 1;
        }
        ++created;
        return 0;
    }
    static void destroy(portunus_handle *) { ++destroyed; }
    static portunus_plugin table() {
        portunus_plugin t{};
        t.api_version = PORTUNUS_PLUGIN_API_VERSION;
        t.package = "test.plugin";
        t.create_session = &create;
        t.destroy_session = &destroy;
        return t;
    }
};

struct RecordingSink : EventSink {
    std::vector<std::string> events;
    void sendEvent(std::string json) override { events.push_back(std::move(json)); }
};

class SessionManagerTest : public ::testing::Test {
protected:
    void SetUp() override {
        FakePlugin::created = FakePlugin::destroyed = 0;
        FakePlugin::refuse = false;
    }
    LoopPool loops{1};
    MediaContext media; // no offer reaches a PeerConnection here
    SessionManager manager{loops, media, 100};
    portunus_plugin plugin = FakePlugin::table();
};
} // namespace

TEST_F(SessionManagerTest, IdsAreUniqueAndJsSafe) {
    for (int i = 0; i < 1000; ++i) {
        auto s = manager.create(std::nullopt);
        EXPECT_LT(s->id(), uint64_t(1) << 53);
    }
    EXPECT_EQ(manager.count(), 1000u);
}

TEST_F(SessionManagerTest, WantedIdAndConflict) {
    EXPECT_EQ(manager.create(5)->id(), 5u);
    try {
        manager.create(5);
        FAIL() << "expected a conflict";
    } catch (const api::ApiError &e) {
        EXPECT_EQ(e.code(), 468);
    }
}

TEST_F(SessionManagerTest, AttachDetachTellsThePluginAndTheClient) {
    auto s = manager.create(std::nullopt);
    auto sink = std::make_shared<RecordingSink>();
    s->setSink(sink);
    auto h = manager.attach(*s, plugin, "test.plugin", "opaque");
    EXPECT_EQ(FakePlugin::created, 1);
    EXPECT_EQ(manager.findHandle(h->id()), h);
    manager.detach(*s, *h, true);
    EXPECT_EQ(FakePlugin::destroyed, 1);
    EXPECT_FALSE(h->alive());
    EXPECT_EQ(manager.findHandle(h->id()), nullptr);
    ASSERT_EQ(sink->events.size(), 1u);
    EXPECT_NE(sink->events[0].find("\"janus\":\"detached\""), std::string::npos);
    manager.detach(*s, *h, true); // twice is harmless
    EXPECT_EQ(FakePlugin::destroyed, 1);
}

TEST_F(SessionManagerTest, RefusedAttachIsError461AndLeavesNothing) {
    auto s = manager.create(std::nullopt);
    FakePlugin::refuse = true;
    try {
        manager.attach(*s, plugin, "test.plugin", "");
        FAIL() << "expected a refusal";
    } catch (const api::ApiError &e) {
        EXPECT_EQ(e.code(), 461);
        EXPECT_NE(std::string(e.what()).find("full"), std::string::npos);
    }
    EXPECT_TRUE(s->handles().empty());
    EXPECT_EQ(FakePlugin::destroyed, 0);
}

TEST_F(SessionManagerTest, DestroyDetachesEveryHandleOnce) {
    auto s = manager.create(std::nullopt);
    manager.attach(*s, plugin, "a", "");
    manager.attach(*s, plugin, "b", "");
    manager.destroy(*s, false);
    manager.destroy(*s, false);
    EXPECT_EQ(FakePlugin::destroyed, 2);
    EXPECT_EQ(manager.find(s->id()), nullptr);
    EXPECT_TRUE(s->destroyed());
}

TEST_F(SessionManagerTest, DestroyOwnedByOnlyTakesThatSinksSessions) {
    auto mine = manager.create(std::nullopt);
    auto other = manager.create(std::nullopt);
    auto sink = std::make_shared<RecordingSink>();
    mine->setSink(sink);
    manager.destroyOwnedBy(sink.get());
    EXPECT_EQ(manager.find(mine->id()), nullptr);
    EXPECT_NE(manager.find(other->id()), nullptr);
}
