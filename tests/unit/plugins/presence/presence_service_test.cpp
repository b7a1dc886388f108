#include "fake_clock.hpp"
#include "memory_user_store.hpp"
#include "presence_error.hpp"
#include "presence_service.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <map>

namespace portunus::presence::test {
namespace {

using namespace std::chrono_literals;

struct Outlet : PresenceService::Outlet {
    void deliver(void *tag, const std::string &json) override { events[tag].push_back(json); }
    void warn(void *tag, const std::string &) override { warnings[tag]++; }
    std::map<void *, std::vector<std::string>> events;
    std::map<void *, int> warnings;
};

rapidjson::Document parse(const std::string &text) {
    rapidjson::Document d;
    d.Parse(text.c_str());
    return d;
}

class PresenceServiceTest : public ::testing::Test {
protected:
    PresenceServiceTest() {
        config.max_tracked_per_session = 2;
        config.max_watched_per_session = 2;
        config.requests_per_s = 1000;
        config.request_burst = 1000;
    }
    void start() { service = std::make_unique<PresenceService>(config, store, outlet); }
    PresenceService::Client *open(void *tag, DeviceId id) { return service->open(id, tag, std::nullopt); }
    PresenceService::Reply ask(PresenceService::Client *c, const std::string &body) {
        return service->handle(*c, body, clock.now());
    }
    rapidjson::Document ok(PresenceService::Client *c, const std::string &body) {
        auto r = ask(c, body);
        EXPECT_EQ(r.error, 0) << body << " -> " << r.text;
        return parse(r.text);
    }
    std::vector<std::string> &eventsOf(void *tag) { return outlet.events[tag]; }

    PresenceConfig config;
    MemoryUserStore store;
    Outlet outlet;
    FakeClock clock;
    std::unique_ptr<PresenceService> service;
    int a = 0, b = 0; // tags
};

TEST_F(PresenceServiceTest, TrackRepliesWithTheIntervalAndTtlAndAMobileClientMayAskForLonger) {
    start();
    auto d = ok(open(&a, 1), R"({"request":"track","scope":"room:1","user":"alice"})");
    EXPECT_STREQ(d["presence"].GetString(), "tracked");
    EXPECT_EQ(d["heartbeat_interval_s"].GetUint(), 25u);
    EXPECT_EQ(d["ttl_s"].GetUint(), 55u);
    auto m = ok(open(&b, 2), R"({"request":"track","scope":"room:1","user":"bob","heartbeat_interval_s":100000})");
    EXPECT_EQ(m["heartbeat_interval_s"].GetUint(), 300u); // clamped to max_heartbeat_interval_s
    EXPECT_EQ(m["ttl_s"].GetUint(), 605u);
}

TEST_F(PresenceServiceTest, WatchersGetChangesButNotTheirOwnUnlessTheyAskForEcho) {
    start();
    auto *alice = open(&a, 1);
    auto *bob = open(&b, 2);
    ok(alice, R"({"request":"track","scope":"room:1","user":"alice"})");
    ok(alice, R"({"request":"watch","scope":"room:1"})");
    ok(bob, R"({"request":"watch","scope":"room:1"})");
    ok(bob, R"({"request":"track","scope":"room:1","user":"bob"})");
    ASSERT_EQ(eventsOf(&a).size(), 1u);
    auto e = parse(eventsOf(&a)[0]);
    EXPECT_STREQ(e["presence"].GetString(), "event");
    EXPECT_STREQ(e["user"].GetString(), "bob");
    EXPECT_STREQ(e["status"].GetString(), "online");
    EXPECT_TRUE(eventsOf(&b).empty()); // bob's own change
    clock.advance(2s);
    ok(bob, R"({"request":"watch","scope":"room:1","echo":true})");
    ok(bob, R"({"request":"set_status","status_text":"busy"})");
    EXPECT_EQ(eventsOf(&b).size(), 1u);
}

TEST_F(PresenceServiceTest, ChangesWithinTheWindowReachWatchersAsOneEventWithTheLatestState) {
    start();
    auto *watcher = open(&a, 1);
    auto *bob = open(&b, 2);
    ok(watcher, R"({"request":"watch","scope":"room:1"})");
    ok(bob, R"({"request":"track","scope":"room:1","user":"bob"})");
    ok(bob, R"({"request":"set_status","status_text":"one"})");
    ok(bob, R"({"request":"set_status","status_text":"two"})");
    EXPECT_EQ(eventsOf(&a).size(), 1u);
    clock.advance(1s);
    service->tick(clock.now());
    ASSERT_EQ(eventsOf(&a).size(), 2u);
    EXPECT_STREQ(parse(eventsOf(&a)[1])["status_text"].GetString(), "two");
}

TEST_F(PresenceServiceTest, AnExpiredDeviceIsToldAndMustTrackAgain) {
    config.heartbeat_interval_s = 1;
    config.ttl_margin_s = 0;
    start();
    auto *alice = open(&a, 1);
    ok(alice, R"({"request":"track","scope":"room:1","user":"alice"})");
    clock.advance(2s);
    service->tick(clock.now());
    ASSERT_EQ(eventsOf(&a).size(), 1u);
    EXPECT_EQ(eventsOf(&a)[0], R"({"presence":"expired"})");
    EXPECT_EQ(ask(alice, R"({"request":"heartbeat"})").error, int(ErrorCode::not_tracked));
    ok(alice, R"({"request":"track","scope":"room:1"})"); // the user is remembered
    ok(alice, R"({"request":"heartbeat"})");
}

TEST_F(PresenceServiceTest, BadRequestsGetTheirCodesAndChangeNothing) {
    config.max_scope_members = 1;
    start();
    auto *alice = open(&a, 1);
    auto *bob = open(&b, 2);
    auto code = [&](PresenceService::Client *c, const std::string &body) { return ask(c, body).error; };
    EXPECT_EQ(code(alice, "[1]"), int(ErrorCode::invalid_json));
    EXPECT_EQ(code(alice, R"({"request":1})"), int(ErrorCode::invalid_element));
    EXPECT_EQ(code(alice, R"({"request":"dance"})"), int(ErrorCode::unknown_request));
    EXPECT_EQ(code(alice, R"({"request":"track","scope":"galaxy:1","user":"alice"})"), int(ErrorCode::unknown_scope));
    EXPECT_EQ(code(alice, R"({"request":"track","scope":"room:","user":"alice"})"), int(ErrorCode::unknown_scope));
    EXPECT_EQ(code(alice, R"({"request":"track","scope":"room:1"})"), int(ErrorCode::invalid_element));
    EXPECT_EQ(code(alice, R"({"request":"heartbeat"})"), int(ErrorCode::not_tracked));
    EXPECT_EQ(code(alice, R"({"request":"activity"})"), int(ErrorCode::not_tracked));
    EXPECT_EQ(code(alice, R"({"request":"set_status","status_text":"x"})"), int(ErrorCode::not_tracked));
    EXPECT_EQ(code(alice, R"({"request":"unwatch","scope":"room:1"})"), int(ErrorCode::not_watching));
    EXPECT_EQ(code(alice, R"({"request":"untrack","scope":"room:1"})"), int(ErrorCode::not_tracked));
    EXPECT_EQ(code(alice, R"({"request":"list","scope":"room:1","limit":0})"), int(ErrorCode::invalid_element));
    ok(alice, R"({"request":"track","scope":"room:1","user":"alice"})");
    EXPECT_EQ(code(alice, R"({"request":"track","scope":"room:2","user":"mallory"})"), int(ErrorCode::user_mismatch));
    EXPECT_EQ(code(bob, R"({"request":"track","scope":"room:1","user":"bob"})"), int(ErrorCode::scope_full));
    ok(alice, R"({"request":"track","scope":"room:2"})");
    EXPECT_EQ(code(alice, R"({"request":"track","scope":"room:3"})"), int(ErrorCode::too_many_tracked));
    ok(alice, R"({"request":"watch","scope":"room:1"})");
    ok(alice, R"({"request":"watch","scope":"room:2"})");
    EXPECT_EQ(code(alice, R"({"request":"watch","scope":"room:3"})"), int(ErrorCode::too_many_watched));
    std::string long_text(config.max_status_text + 1, 'x');
    EXPECT_EQ(code(alice, R"({"request":"set_status","status_text":")" + long_text + "\"}"), int(ErrorCode::invalid_element));
    auto list = ok(bob, R"({"request":"list","scope":"room:1"})");
    ASSERT_EQ(list["members"].Size(), 1u);
    EXPECT_STREQ(list["members"][0]["user"].GetString(), "alice");
    EXPECT_STREQ(list["members"][0]["status_text"].GetString(), "");
    auto info = parse(service->describe(*alice));
    EXPECT_EQ(info["tracked"].Size(), 2u);
    EXPECT_EQ(info["watched"].Size(), 2u);
}

TEST_F(PresenceServiceTest, AFloodIsRefusedWarnedOnceAndChangesNothing) {
    config.requests_per_s = 1;
    config.request_burst = 3;
    start();
    auto *alice = open(&a, 1);
    ok(alice, R"({"request":"watch","scope":"room:1"})");
    ok(alice, R"({"request":"list","scope":"room:1"})");
    ok(alice, R"({"request":"list","scope":"room:1"})");
    for (int i = 0; i < 10; ++i)
        EXPECT_EQ(ask(alice, R"({"request":"track","scope":"room:1","user":"alice"})").error, int(ErrorCode::rate_limited));
    EXPECT_EQ(outlet.warnings[&a], 1);
    EXPECT_EQ(parse(service->describe(*alice))["tracked"].Size(), 0u);
    clock.advance(1s);
    ok(alice, R"({"request":"track","scope":"room:1","user":"alice"})");
}

TEST_F(PresenceServiceTest, ClosingAHandleTakesItsDeviceOfflineAndStopsItsWatches) {
    start();
    auto *watcher = open(&a, 1);
    auto *bob = open(&b, 2);
    ok(watcher, R"({"request":"watch","scope":"room:1"})");
    ok(bob, R"({"request":"track","scope":"room:1","user":"bob"})");
    ok(bob, R"({"request":"watch","scope":"room:1","echo":true})");
    clock.advance(1s);
    service->close(bob, clock.now());
    ASSERT_EQ(eventsOf(&a).size(), 2u);
    EXPECT_STREQ(parse(eventsOf(&a)[1])["status"].GetString(), "offline");
    EXPECT_TRUE(eventsOf(&b).empty()); // watching with echo, yet nothing goes to a closed handle
    EXPECT_EQ(service->clients(), 1u);
}

TEST_F(PresenceServiceTest, ListByUsersShowsAbsentUsersOfflineWithTheirLastSeen) {
    start();
    store.save({"carol", 42, "gone fishing"});
    auto *alice = open(&a, 1);
    ok(alice, R"({"request":"track","scope":"room:1","user":"alice"})");
    auto d = ok(alice, R"({"request":"list","scope":"room:1","users":["alice","carol","dave"]})");
    ASSERT_EQ(d["members"].Size(), 3u);
    EXPECT_STREQ(d["members"][0]["status"].GetString(), "online");
    EXPECT_STREQ(d["members"][1]["status"].GetString(), "offline");
    EXPECT_EQ(d["members"][1]["last_seen"].GetInt64(), 42);
    EXPECT_STREQ(d["members"][1]["status_text"].GetString(), "gone fishing");
    EXPECT_TRUE(d["members"][2]["last_seen"].IsNull());
    EXPECT_EQ(d["counts"]["online"].GetUint(), 1u);
}

} // namespace
} // namespace portunus::presence::test
