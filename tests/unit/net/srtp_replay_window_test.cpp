// The SRTP replay window: fresh, repeated and too-old indexes, shifts across
// word boundaries, and libsrtp's starting state.
#include "net/srtp_replay_window.hpp"

#include <gtest/gtest.h>

#include <random>
#include <set>

using namespace portunus::net;

using Window = SrtpReplayWindow<128>;
using Verdict = Window::Verdict;

TEST(SrtpReplayWindow, FreshWindowTakesIndexZeroAndAnythingAbove) {
    Window w;
    EXPECT_EQ(w.check(0), Verdict::fresh);
    EXPECT_EQ(w.check(5), Verdict::fresh);
    w.accept(5);
    EXPECT_EQ(w.highest(), 5u);
    EXPECT_EQ(w.check(5), Verdict::repeated);
    EXPECT_EQ(w.check(0), Verdict::fresh);
    w.accept(0);
    EXPECT_EQ(w.check(0), Verdict::repeated);
    EXPECT_EQ(w.highest(), 5u);
}

TEST(SrtpReplayWindow, OlderThanTheWindowIsTooOld) {
    Window w;
    w.accept(1000);
    EXPECT_EQ(w.check(1000 - 127), Verdict::fresh);
    EXPECT_EQ(w.check(1000 - 128), Verdict::too_old);
    w.accept(1000 - 127);
    EXPECT_EQ(w.check(1000 - 127), Verdict::repeated);
    w.accept(1001);
    EXPECT_EQ(w.check(1000 - 127), Verdict::too_old);
    EXPECT_EQ(w.check(1000), Verdict::repeated);
    // A jump beyond the window forgets everything before it.
    w.accept(5000);
    EXPECT_EQ(w.check(5000 - 127), Verdict::fresh);
    EXPECT_EQ(w.check(1001), Verdict::too_old);
    w.reset();
    EXPECT_EQ(w.highest(), 0u);
    EXPECT_EQ(w.check(0), Verdict::fresh);
}

TEST(SrtpReplayWindow, AgreesWithASetOverRandomTraffic) {
    // Against a plain model: seen set and highest index.
    using Big = SrtpReplayWindow<1024>;
    Big w;
    std::set<uint64_t> seen;
    uint64_t highest = 0;
    std::mt19937 rng(3);
    uint64_t base = 70000;
    for (int i = 0; i < 20000; ++i) {
        base += rng() % 3;
        uint64_t index = base + (rng() % 2000) - 1500; // reordering, duplicates and stragglers
        Big::Verdict expected = index > highest             ? Big::Verdict::fresh
                                : highest - index >= 1024   ? Big::Verdict::too_old
                                : seen.count(index)         ? Big::Verdict::repeated
                                                            : Big::Verdict::fresh;
        ASSERT_EQ(w.check(index), expected) << i;
        if (expected == Big::Verdict::fresh) {
            w.accept(index);
            seen.insert(index);
            if (index > highest) highest = index;
        }
        ASSERT_EQ(w.highest(), highest);
    }
}
