#include "coalescer.hpp"
#include "fake_clock.hpp"

#include <gtest/gtest.h>

namespace portunus::presence::test {
namespace {

using namespace std::chrono_literals;

MemberChange change(const std::string &scope, const std::string &user, Status status) {
    return {scope, MemberView{user, status, 1, {}, std::nullopt}};
}

TEST(Coalescer, FirstChangeGoesOutAtOnceLaterOnesWaitForTheWindowAndOnlyTheLatestGoes) {
    FakeClock clock;
    Coalescer c(1000ms);
    std::vector<MemberChange> out;
    c.offer(change("room:1", "alice", Status::online), clock.now().steady, out);
    ASSERT_EQ(out.size(), 1u);
    clock.advance(100ms);
    c.offer(change("room:1", "alice", Status::away), clock.now().steady, out);
    c.offer(change("room:1", "alice", Status::offline), clock.now().steady, out);
    EXPECT_EQ(out.size(), 1u);
    clock.advance(899ms);
    c.flush(clock.now().steady, out);
    EXPECT_EQ(out.size(), 1u);
    clock.advance(1ms);
    c.flush(clock.now().steady, out);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[1].member.status, Status::offline);
}

TEST(Coalescer, UsersAndScopesHaveTheirOwnWindows) {
    FakeClock clock;
    Coalescer c(1000ms);
    std::vector<MemberChange> out;
    c.offer(change("room:1", "alice", Status::online), clock.now().steady, out);
    c.offer(change("room:1", "bob", Status::online), clock.now().steady, out);
    c.offer(change("room:2", "alice", Status::online), clock.now().steady, out);
    EXPECT_EQ(out.size(), 3u);
}

TEST(Coalescer, AQuietUserIsForgottenAndItsNextChangeGoesAtOnce) {
    FakeClock clock;
    Coalescer c(1000ms);
    std::vector<MemberChange> out;
    c.offer(change("room:1", "alice", Status::online), clock.now().steady, out);
    clock.advance(1000ms);
    c.flush(clock.now().steady, out);
    EXPECT_EQ(c.tracked(), 0u);
    c.offer(change("room:1", "alice", Status::away), clock.now().steady, out);
    EXPECT_EQ(out.size(), 2u);
}

TEST(Coalescer, AChangeAfterTheWindowWithNothingHeldGoesAtOnce) {
    FakeClock clock;
    Coalescer c(1000ms);
    std::vector<MemberChange> out;
    c.offer(change("room:1", "alice", Status::online), clock.now().steady, out);
    clock.advance(1500ms);
    c.offer(change("room:1", "alice", Status::away), clock.now().steady, out);
    EXPECT_EQ(out.size(), 2u);
}

} // namespace
} // namespace portunus::presence::test
