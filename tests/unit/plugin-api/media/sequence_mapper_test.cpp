// SequenceMapper: counters made continuous over drops, reordering and resyncs.
#include <portunus/media/sequence_mapper.hpp>

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <vector>

using portunus::media::SequenceMapper;

TEST(SdkSequenceMapper, ResyncContinuesAfterTheNewestOutput) {
    SequenceMapper m(8);
    EXPECT_EQ(m.map(250), 250u);
    EXPECT_EQ(m.map(255), 255u);
    EXPECT_EQ(m.map(0), 0u); // wraps at 8 bits
    m.resync();
    EXPECT_EQ(m.map(17), 1u);
    EXPECT_EQ(m.map(18), 2u);
    m.resync();
    m.resync(); // twice is once
    EXPECT_EQ(m.map(200), 3u);
}

TEST(SdkSequenceMapper, WidensNarrowInputsNearTheNewest) {
    SequenceMapper m(15);
    EXPECT_EQ(m.widen(5, 7), 5u); // not started: as is
    m.map(0x7FFE);
    EXPECT_EQ(m.widen(0x7F, 7), 0x7FFFu);
    EXPECT_EQ(m.widen(0x00, 7), 0x0000u); // across the 15-bit wrap
    EXPECT_EQ(m.widen(0x7C, 7), 0x7FFCu); // a little older
    m.map(0x0040);
    EXPECT_EQ(m.widen(0x7F, 7), 0x007Fu);
    EXPECT_EQ(m.widen(0x01, 7), 0x0001u);
}

TEST(SdkSequenceMapper, DropsOlderThanTheWindowAreForgotten) {
    SequenceMapper m(16);
    m.map(0);
    m.drop(1);
    EXPECT_EQ(m.map(2), 1u);
    for (uint32_t s = 3; s < 1100; ++s) m.map(s);
    // Input 0 is more than 1024 inputs old: the drop after it no longer counts.
    EXPECT_EQ(m.map(0), 0xFFFFu);
    EXPECT_EQ(m.map(100), 99u); // within the window: still right
}

// In-order delivery with random drops: forwarded outputs are consecutive.
// The same events with forwarded packets delayed past later packets, dropped
// ones included (drops themselves come in order, as a selector decides them
// on arrival): each packet maps where it did in order.
TEST(SdkSequenceMapper, RandomDropsAndReorderingMapLikeInOrder) {
    std::mt19937 rng(42);
    struct Event {
        uint32_t seq;
        bool dropped;
    };
    for (unsigned bits : {16u, 15u}) {
        const uint32_t mask = (uint32_t(1) << bits) - 1;
        std::vector<Event> events;
        for (uint32_t i = 0; i < 5000; ++i) events.push_back({(mask - 2000 + i) & mask, rng() % 3 == 0});
        events[0].dropped = false;

        SequenceMapper in_order(bits);
        std::map<uint32_t, uint32_t> expected;
        uint32_t last = 0;
        bool first = true;
        for (const Event &e : events) {
            if (e.dropped) {
                in_order.drop(e.seq);
                continue;
            }
            uint32_t out = in_order.map(e.seq);
            if (!first) {
                EXPECT_EQ(out, (last + 1) & mask) << "seq " << e.seq;
            }
            last = out;
            first = false;
            expected[e.seq] = out;
        }

        // Delay some forwarded packets by up to 40 positions.
        std::vector<Event> shuffled;
        std::vector<std::pair<size_t, Event>> delayed; // (release position, event)
        for (size_t i = 0; i < events.size(); ++i) {
            const Event &e = events[i];
            if (!e.dropped && i > 0 && rng() % 4 == 0) {
                delayed.push_back({i + rng() % 40, e});
            } else {
                shuffled.push_back(e);
            }
            for (auto it = delayed.begin(); it != delayed.end();) {
                if (it->first <= i) {
                    shuffled.push_back(it->second);
                    it = delayed.erase(it);
                } else {
                    ++it;
                }
            }
        }
        for (auto &d : delayed) shuffled.push_back(d.second);
        ASSERT_EQ(shuffled.size(), events.size());

        SequenceMapper reordered(bits);
        for (const Event &e : shuffled) {
            if (e.dropped) {
                reordered.drop(e.seq);
            } else {
                EXPECT_EQ(reordered.map(e.seq), expected[e.seq]) << bits << " bits, seq " << e.seq;
            }
        }
        EXPECT_EQ(reordered.newestOutput(), in_order.newestOutput());
    }
}
