// Rate limiter, typing throttle, receipt cursors and their pacing, driven by
// explicit clock values.
#include "rate_limiter.hpp"
#include "receipts.hpp"
#include "typing.hpp"

#include <gtest/gtest.h>

using namespace portunus::chat;

TEST(ChatRateLimiter, BurstThenRefillPerKey) {
    RateLimiter limiter(2.0, 3); // 2 per second, burst 3
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.allow("a", 0));
    EXPECT_FALSE(limiter.allow("a", 0));
    EXPECT_TRUE(limiter.allow("b", 0));
    EXPECT_FALSE(limiter.allow("a", 499));
    EXPECT_TRUE(limiter.allow("a", 500));
    EXPECT_FALSE(limiter.allow("a", 500));
    limiter.prune(100000);
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.allow("a", 100000)); // a fresh, full bucket
}

TEST(ChatTypingThrottle, OnePerIntervalPerUserPerRoom) {
    TypingThrottle t(2000);
    EXPECT_TRUE(t.allow(1, "a", 0));
    EXPECT_FALSE(t.allow(1, "a", 1999));
    EXPECT_TRUE(t.allow(2, "a", 1999));
    EXPECT_TRUE(t.allow(1, "b", 1999));
    EXPECT_TRUE(t.allow(1, "a", 2000));
    t.forgetRoom(1);
    EXPECT_TRUE(t.allow(1, "a", 2001));
}

TEST(ChatReceiptBook, CursorsOnlyMoveForwardAndReadImpliesDelivered) {
    ReceiptBook book;
    EXPECT_EQ(book.update(1, "a", 5, std::nullopt), (Cursor{5, 0}));
    EXPECT_EQ(book.update(1, "a", 3, 4), (Cursor{5, 4}));
    EXPECT_EQ(book.update(1, "a", std::nullopt, 7), (Cursor{7, 7}));
    book.update(1, "b", 2, std::nullopt);
    auto reached = book.reached(1, 3);
    ASSERT_EQ(reached.size(), 1u);
    EXPECT_EQ(reached[0].user, "a");
    auto pending = book.takePending(1);
    EXPECT_EQ(pending.size(), 2u);
    EXPECT_TRUE(book.takePending(1).empty());
    book.update(1, "a", 1, 1); // no change: nothing pending
    EXPECT_TRUE(book.takePending(1).empty());
}

TEST(ChatReceiptPacer, AtMostOneEventPerRoomPerInterval) {
    ReceiptPacer pacer(1000);
    EXPECT_EQ(pacer.schedule(1, 0), 0);             // the first goes out at once
    EXPECT_EQ(pacer.schedule(1, 10), std::nullopt); // rides along
    pacer.flushed(1, 20);
    EXPECT_EQ(pacer.schedule(1, 300), 720);         // waits for the interval
    EXPECT_EQ(pacer.schedule(2, 300), 0);           // rooms are independent
    pacer.flushed(1, 1020);
    EXPECT_EQ(pacer.schedule(1, 5000), 0);
}
