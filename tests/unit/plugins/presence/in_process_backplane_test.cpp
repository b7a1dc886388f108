#include "fake_clock.hpp"
#include "in_process_backplane.hpp"
#include "memory_user_store.hpp"

#include <gtest/gtest.h>

#include <set>

namespace portunus::presence::test {
namespace {

using namespace std::chrono_literals;

struct Recorder : Backplane::Listener {
    void onMemberChanged(const MemberChange &c) override { changes.push_back(c); }
    void onDeviceExpired(DeviceId d) override { expired.push_back(d); }
    std::vector<MemberChange> changes;
    std::vector<DeviceId> expired;
    MemberChange last() const { return changes.back(); }
};

class InProcessBackplaneTest : public ::testing::Test {
protected:
    InProcessBackplane::Limits limits{3, 600s};
    MemoryUserStore store;
    Recorder rec;
    FakeClock clock;
    std::unique_ptr<InProcessBackplane> bp = std::make_unique<InProcessBackplane>(limits, store, rec);
    static constexpr std::chrono::seconds kTtl{55};
};

TEST_F(InProcessBackplaneTest, TrackMakesTheUserOnlineInTheScope) {
    EXPECT_EQ(bp->track(1, "alice", "room:1", kTtl, clock.now()), Backplane::TrackResult::tracked);
    ASSERT_EQ(rec.changes.size(), 1u);
    EXPECT_EQ(rec.last().scope, "room:1");
    EXPECT_EQ(rec.last().member.user, "alice");
    EXPECT_EQ(rec.last().member.status, Status::online);
    EXPECT_EQ(rec.last().member.devices, 1u);
    EXPECT_EQ(bp->counts("room:1").online, 1u);
}

TEST_F(InProcessBackplaneTest, DeviceGoesOfflineWhenItsTtlLapsesAndNotBefore) {
    bp->track(1, "alice", "room:1", kTtl, clock.now());
    clock.advance(54s);
    bp->heartbeat(1, clock.now()); // renews: the TTL counts from here
    clock.advance(54s);
    bp->expire(clock.now());
    EXPECT_EQ(rec.changes.size(), 1u);
    clock.advance(1s);
    bp->expire(clock.now());
    ASSERT_EQ(rec.changes.size(), 2u);
    EXPECT_EQ(rec.last().member.status, Status::offline);
    EXPECT_EQ(rec.last().member.devices, 0u);
    EXPECT_EQ(rec.expired, std::vector<DeviceId>{1});
    // Last seen at the last heartbeat, not at expiry.
    EXPECT_EQ(rec.last().member.last_seen_ms, FakeClock::kEpochMs + 1000 + 54000);
    EXPECT_FALSE(bp->heartbeat(1, clock.now()));
    EXPECT_EQ(bp->counts("room:1").online, 0u);
}

TEST_F(InProcessBackplaneTest, AwayAfterInactivityAndOnlineAgainOnActivity) {
    bp->track(1, "alice", "room:1", 10000s, clock.now());
    for (int i = 0; i < 9; ++i) {
        clock.advance(60s);
        bp->heartbeat(1, clock.now()); // heartbeats are not activity
        bp->expire(clock.now());
    }
    EXPECT_EQ(rec.last().member.status, Status::online);
    clock.advance(60s);
    bp->expire(clock.now());
    EXPECT_EQ(rec.last().member.status, Status::away);
    EXPECT_EQ(bp->counts("room:1").away, 1u);
    bp->activity(1, clock.now());
    EXPECT_EQ(rec.last().member.status, Status::online);
    EXPECT_EQ(bp->counts("room:1").online, 1u);
    EXPECT_EQ(bp->counts("room:1").away, 0u);
}

TEST_F(InProcessBackplaneTest, UserIsTheBestOfItsDevices) {
    bp->track(1, "alice", "room:1", 10000s, clock.now());
    clock.advance(300s);
    bp->track(2, "alice", "room:1", 10000s, clock.now());
    EXPECT_EQ(rec.last().member.devices, 2u);
    clock.advance(301s); // device 1 is idle for 601 s, device 2 for 301 s
    size_t before = rec.changes.size();
    bp->expire(clock.now());
    EXPECT_EQ(rec.changes.size(), before); // one device away, the other online: alice is still online
    EXPECT_EQ(bp->lookup("room:1", "alice").status, Status::online);
    bp->removeDevice(2, clock.now());
    EXPECT_EQ(rec.last().member.status, Status::away); // the one left is away
    EXPECT_EQ(rec.last().member.devices, 1u);
    bp->removeDevice(1, clock.now());
    EXPECT_EQ(rec.last().member.status, Status::offline);
    EXPECT_EQ(rec.last().member.last_seen_ms, clock.now().wall_ms);
}

TEST_F(InProcessBackplaneTest, AnUnchangedMemberIsNotReported) {
    bp->track(1, "alice", "room:1", kTtl, clock.now());
    bp->heartbeat(1, clock.now());
    bp->activity(1, clock.now());
    bp->track(1, "alice", "room:1", kTtl, clock.now());
    EXPECT_EQ(rec.changes.size(), 1u);
}

TEST_F(InProcessBackplaneTest, StatusTextIsReportedInEveryScopeOnceAndKept) {
    bp->track(1, "alice", "room:1", kTtl, clock.now());
    bp->track(1, "alice", "tenant:a", kTtl, clock.now());
    bp->track(2, "alice", "room:1", kTtl, clock.now());
    rec.changes.clear();
    bp->setStatusText("alice", "lunch", clock.now());
    ASSERT_EQ(rec.changes.size(), 2u);
    std::set<std::string> scopes{rec.changes[0].scope, rec.changes[1].scope};
    EXPECT_EQ(scopes, (std::set<std::string>{"room:1", "tenant:a"}));
    EXPECT_EQ(rec.last().member.status_text, "lunch");
    bp->removeDevice(1, clock.now());
    bp->removeDevice(2, clock.now());
    EXPECT_EQ(store.load("alice")->status_text, "lunch");
    EXPECT_EQ(bp->lookup("room:1", "alice").status_text, "lunch");
}

TEST_F(InProcessBackplaneTest, LastSeenOfAnAbsentUserComesFromTheStore) {
    EXPECT_FALSE(bp->lookup("room:1", "bob").last_seen_ms.has_value());
    store.save({"bob", 1234, "away on holiday"});
    MemberView bob = bp->lookup("room:1", "bob");
    EXPECT_EQ(bob.status, Status::offline);
    EXPECT_EQ(bob.last_seen_ms, 1234);
    EXPECT_EQ(bob.status_text, "away on holiday");
}

TEST_F(InProcessBackplaneTest, AFullScopeRefusesNewUsersButNotItsMembers) {
    for (DeviceId d = 1; d <= 3; ++d) bp->track(d, "u" + std::to_string(d), "room:1", kTtl, clock.now());
    EXPECT_EQ(bp->track(4, "u4", "room:1", kTtl, clock.now()), Backplane::TrackResult::scope_full);
    EXPECT_EQ(bp->track(5, "u1", "room:1", kTtl, clock.now()), Backplane::TrackResult::tracked);
    EXPECT_FALSE(bp->heartbeat(4, clock.now())); // the refused device was not created
}

TEST_F(InProcessBackplaneTest, UntrackLeavesOneScopeAndTheLastUntrackForgetsTheDevice) {
    bp->track(1, "alice", "room:1", kTtl, clock.now());
    bp->track(1, "alice", "room:2", kTtl, clock.now());
    EXPECT_TRUE(bp->untrack(1, "room:1", clock.now()));
    EXPECT_EQ(rec.last().scope, "room:1");
    EXPECT_EQ(rec.last().member.status, Status::offline);
    EXPECT_TRUE(bp->heartbeat(1, clock.now()));
    EXPECT_FALSE(bp->untrack(1, "room:1", clock.now()));
    EXPECT_TRUE(bp->untrack(1, "room:2", clock.now()));
    EXPECT_FALSE(bp->heartbeat(1, clock.now()));
    EXPECT_EQ(bp->scopeCount(), 0u);
}

TEST(InProcessBackplanePaging, EveryMemberExactlyOnceWhileMembersComeAndGo) {
    MemoryUserStore store;
    Recorder rec;
    FakeClock clock;
    InProcessBackplane bp({100000, std::chrono::seconds(600)}, store, rec);
    for (DeviceId d = 0; d < 5000; ++d) bp.track(d + 1, "user" + std::to_string(d), "tenant:t", std::chrono::seconds(60), clock.now());
    std::multiset<std::string> seen;
    std::string cursor;
    size_t pages = 0;
    for (;;) {
        auto page = bp.list("tenant:t", cursor, 128);
        EXPECT_EQ(page.counts.online, 5000u);
        for (const auto &m : page.members) seen.insert(m.user);
        ++pages;
        if (!page.next) break;
        cursor = *page.next;
    }
    EXPECT_EQ(seen.size(), 5000u);
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 5000u);
    EXPECT_EQ(pages, (5000u + 127) / 128);
}

} // namespace
} // namespace portunus::presence::test
