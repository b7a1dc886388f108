#include "session/session.hpp"

#include <gtest/gtest.h>

#include <memory>

using portunus::EventSink;
using portunus::Session;

namespace {
struct RecordingSink : EventSink {
    std::vector<std::string> events;
    void sendEvent(std::string json) override { events.push_back(std::move(json)); }
};
} // namespace

TEST(Session, QueuesWithoutSinkAndAnswersPollAtOnce) {
    Session s(1, 10);
    s.pushEvent("a");
    s.pushEvent("b");
    std::vector<std::string> got;
    s.poll(5, [&](std::vector<std::string> e) { got = std::move(e); });
    EXPECT_EQ(got, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(s.queuedEvents(), 0u);
}

TEST(Session, ParkedPollGetsTheNextEvent) {
    Session s(1, 10);
    std::vector<std::string> got;
    int calls = 0;
    uint64_t id = s.poll(1, [&](std::vector<std::string> e) {
        got = std::move(e);
        ++calls;
    });
    EXPECT_EQ(calls, 0);
    s.pushEvent("x");
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(got, std::vector<std::string>{"x"});
    EXPECT_FALSE(s.cancelPoll(id)); // already answered
}

TEST(Session, CancelledPollIsNotAnsweredAndEventsStayQueued) {
    Session s(1, 10);
    int calls = 0;
    uint64_t id = s.poll(1, [&](std::vector<std::string>) { ++calls; });
    EXPECT_TRUE(s.cancelPoll(id));
    s.pushEvent("x");
    EXPECT_EQ(calls, 0);
    EXPECT_EQ(s.queuedEvents(), 1u);
}

TEST(Session, QueueIsBoundedDroppingTheOldest) {
    Session s(1, 2);
    for (auto e : {"1", "2", "3"}) s.pushEvent(e);
    std::vector<std::string> got;
    s.poll(10, [&](std::vector<std::string> e) { got = std::move(e); });
    EXPECT_EQ(got, (std::vector<std::string>{"2", "3"}));
}

TEST(Session, SinkGetsBacklogThenLiveEvents) {
    Session s(1, 10);
    s.pushEvent("early");
    auto sink = std::make_shared<RecordingSink>();
    s.setSink(sink);
    s.pushEvent("live");
    EXPECT_EQ(sink->events, (std::vector<std::string>{"early", "live"}));
    EXPECT_TRUE(s.ownedBy(sink.get()));
}

TEST(Session, HeldEventsFollowTheRelease) {
    Session s(1, 10);
    auto sink = std::make_shared<RecordingSink>();
    s.setSink(sink);
    s.holdEvents();
    s.pushEvent("event");
    EXPECT_TRUE(sink->events.empty());
    sink->sendEvent("reply"); // what the API sends while holding
    s.releaseEvents();
    EXPECT_EQ(sink->events, (std::vector<std::string>{"reply", "event"}));
}

TEST(Session, ClosePollsAnswersParkedPolls) {
    Session s(1, 10);
    int calls = 0;
    s.poll(1, [&](std::vector<std::string> e) {
        EXPECT_TRUE(e.empty());
        ++calls;
    });
    s.closePolls();
    EXPECT_EQ(calls, 1);
}
