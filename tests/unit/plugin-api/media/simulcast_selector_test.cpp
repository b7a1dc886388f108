// SimulcastSelector: keyframe-clean layer switches, fallback and recovery,
// temporal filtering; and with an RtpRewriter, one continuous stream.
#include <portunus/media/rtp_rewriter.hpp>
#include <portunus/media/simulcast_selector.hpp>

#include <gtest/gtest.h>

using portunus::media::RtpRewriter;
using portunus::media::SimulcastSelector;
using Decision = SimulcastSelector::Decision;

namespace {
constexpr int64_t kMs = 1000;
constexpr bool kKey = true, kDelta = false;

bool same(Decision a, Decision b) {
    return a.forward == b.forward && a.switched == b.switched && a.want_keyframe == b.want_keyframe &&
           a.dropped == b.dropped;
}
#define EXPECT_DECISION(actual, fwd, sw, want, drop) \
    EXPECT_TRUE(same(actual, Decision{fwd, sw, want, drop}))
} // namespace

TEST(SdkSimulcastSelector, StartsAtAKeyframeOfTheTarget) {
    SimulcastSelector s;
    EXPECT_EQ(s.target(), 2); // the best layer unless told otherwise
    EXPECT_EQ(s.targetTemporal(), -1);
    EXPECT_EQ(s.current(), -1);
    EXPECT_DECISION(s.onPacket(2, kDelta, -1, 0), false, false, true, false); // wants a keyframe
    EXPECT_DECISION(s.onPacket(1, kKey, -1, 0), false, false, true, false);   // not the target's
    EXPECT_DECISION(s.onPacket(2, kDelta, -1, 10 * kMs), false, false, true, false);
    EXPECT_DECISION(s.onPacket(2, kKey, -1, 20 * kMs), true, true, false, false);
    EXPECT_EQ(s.current(), 2);
    EXPECT_DECISION(s.onPacket(2, kDelta, -1, 30 * kMs), true, false, false, false);
    EXPECT_DECISION(s.onPacket(1, kDelta, -1, 30 * kMs), false, false, false, false); // never other layers
    EXPECT_DECISION(s.onPacket(0, kKey, -1, 30 * kMs), false, false, false, false);
    EXPECT_DECISION(s.onPacket(3, kKey, -1, 30 * kMs), false, false, false, false); // out of range
    EXPECT_DECISION(s.onPacket(-1, kKey, -1, 30 * kMs), false, false, false, false);
}

TEST(SdkSimulcastSelector, ChangesTargetAtTheNewLayersKeyframe) {
    SimulcastSelector s;
    s.onPacket(2, kKey, -1, 0);
    s.setTarget(0);
    EXPECT_EQ(s.target(), 0);
    EXPECT_DECISION(s.onPacket(2, kDelta, -1, 10 * kMs), true, false, false, false); // not active yet
    EXPECT_DECISION(s.onPacket(0, kDelta, -1, 10 * kMs), false, false, true, false);
    EXPECT_DECISION(s.onPacket(2, kDelta, -1, 20 * kMs), true, false, true, false);  // until the switch
    EXPECT_DECISION(s.onPacket(0, kKey, -1, 30 * kMs), true, true, false, false);
    EXPECT_DECISION(s.onPacket(2, kDelta, -1, 40 * kMs), false, false, false, false);
    EXPECT_EQ(s.current(), 0);
    s.setTarget(9); // clamped
    EXPECT_EQ(s.target(), 2);
    s.setTarget(-4, 7);
    EXPECT_EQ(s.target(), 0);
    EXPECT_EQ(s.targetTemporal(), 7);
}

TEST(SdkSimulcastSelector, FallsBackWhileTheTargetIsInactiveAndRecovers) {
    SimulcastSelector s;
    int64_t t = 0;
    for (int layer = 0; layer < 3; ++layer) s.onPacket(layer, kKey, -1, t);
    ASSERT_EQ(s.current(), 2);
    // Layer 2 stops (e.g. the publisher's bandwidth dropped); 0 and 1 go on.
    const int64_t last_of_2 = t;
    for (t = 100 * kMs; t <= last_of_2 + SimulcastSelector::kInactiveAfterUs; t += 100 * kMs) {
        EXPECT_DECISION(s.onPacket(1, kDelta, -1, t), false, false, false, false) << t;
        EXPECT_DECISION(s.onPacket(0, kDelta, -1, t), false, false, false, false) << t;
    }
    // Now inactive: the best active layer below is wanted, at its keyframe.
    EXPECT_DECISION(s.onPacket(0, kKey, -1, t), false, false, true, false);
    EXPECT_DECISION(s.onPacket(1, kDelta, -1, t), false, false, true, false);
    EXPECT_DECISION(s.onPacket(1, kKey, -1, t + 10 * kMs), true, true, false, false);
    EXPECT_EQ(s.current(), 1);
    EXPECT_EQ(s.target(), 2); // the target is unchanged
    // Layer 2 comes back: up again at its keyframe.
    t += 500 * kMs;
    EXPECT_DECISION(s.onPacket(2, kDelta, -1, t), false, false, true, false);
    EXPECT_DECISION(s.onPacket(1, kDelta, -1, t), true, false, true, false);
    EXPECT_DECISION(s.onPacket(2, kKey, -1, t + 10 * kMs), true, true, false, false);
    EXPECT_DECISION(s.onPacket(1, kDelta, -1, t + 10 * kMs), false, false, false, false);
    EXPECT_EQ(s.current(), 2);
}

TEST(SdkSimulcastSelector, FallsUpWhenNothingBelowTheTargetIsActive) {
    SimulcastSelector s;
    s.setTarget(0);
    EXPECT_DECISION(s.onPacket(2, kDelta, -1, 0), false, false, true, false);
    EXPECT_DECISION(s.onPacket(1, kDelta, -1, 0), false, false, true, false);
    EXPECT_DECISION(s.onPacket(2, kKey, -1, 10 * kMs), false, false, true, false); // not the lowest above
    EXPECT_EQ(s.current(), -1);
    EXPECT_DECISION(s.onPacket(1, kKey, -1, 10 * kMs), true, true, false, false);
    EXPECT_EQ(s.current(), 1);
    EXPECT_DECISION(s.onPacket(0, kDelta, -1, 20 * kMs), false, false, true, false); // the target shows up
    EXPECT_DECISION(s.onPacket(0, kKey, -1, 30 * kMs), true, true, false, false);
}

TEST(SdkSimulcastSelector, FiltersTemporalLayers) {
    SimulcastSelector s;
    s.setTarget(0, 0);
    EXPECT_DECISION(s.onPacket(0, kKey, 0, 0), true, true, false, false);
    EXPECT_DECISION(s.onPacket(0, kDelta, 2, 0), false, false, false, true); // held back: drop it
    EXPECT_DECISION(s.onPacket(0, kDelta, 1, 0), false, false, false, true);
    EXPECT_DECISION(s.onPacket(0, kDelta, 0, 0), true, false, false, false);
    EXPECT_DECISION(s.onPacket(0, kDelta, -1, 0), true, false, false, false); // unknown: forwarded
    // Up to all layers: each is joined at its own sync point.
    s.setTarget(0, -1);
    EXPECT_DECISION(s.onPacket(0, kDelta, 2, 0, false), false, false, false, true);
    EXPECT_DECISION(s.onPacket(0, kDelta, 1, 0, true), true, false, false, false);
    EXPECT_DECISION(s.onPacket(0, kDelta, 2, 0, false), false, false, false, true);
    EXPECT_DECISION(s.onPacket(0, kDelta, 1, 0, false), true, false, false, false);
    EXPECT_DECISION(s.onPacket(0, kDelta, 2, 0, true), true, false, false, false);
    EXPECT_DECISION(s.onPacket(0, kDelta, 2, 0, false), true, false, false, false);
    // Down: at once. And not past the target even at a sync point.
    s.setTarget(0, 1);
    EXPECT_DECISION(s.onPacket(0, kDelta, 2, 0, true), false, false, false, true);
    EXPECT_DECISION(s.onPacket(0, kDelta, 1, 0, false), true, false, false, false);
    // A layer switch starts with every wanted temporal layer.
    s.setTarget(1, 1);
    s.onPacket(1, kKey, 0, 0);
    EXPECT_DECISION(s.onPacket(1, kDelta, 1, 0, false), true, false, false, false);
    EXPECT_DECISION(s.onPacket(1, kDelta, 2, 0, true), false, false, false, true);
    EXPECT_DECISION(s.onPacket(0, kDelta, 2, 0, true), false, false, false, false); // other layer: not a drop
}

// Three layers with their own SSRCs and numbering, temporal pattern 0 2 1 2,
// the subscriber limited to temporal layer 1, the top layer disappearing and
// coming back: the subscriber sees one stream with consecutive numbers.
TEST(SdkSimulcastSelector, WithARewriterTheOutputStaysContinuous) {
    SimulcastSelector selector;
    selector.setTarget(2, 1);
    RtpRewriter rewriter;
    uint16_t seq[3] = {100, 30000, 65500};
    int switches = 0, forwarded = 0;
    bool first = true;
    uint16_t last_out = 0;
    uint32_t out_ssrc = 0;
    auto send = [&](int layer, int frame, int64_t now) {
        const int tid = (frame % 4 == 0) ? 0 : (frame % 2 == 1 ? 2 : 1);
        const bool key = frame % 30 == 0;
        auto d = selector.onPacket(layer, key, tid, now);
        if (d.switched) {
            rewriter.switchSource();
            ++switches;
        }
        if (d.dropped) rewriter.drop(seq[layer]);
        if (d.forward) {
            auto out = rewriter.rewrite(0x100u + uint32_t(layer), seq[layer], uint32_t(frame) * 3000, 90000, now);
            if (!first) {
                EXPECT_EQ(out.seq, uint16_t(last_out + 1)) << "layer " << layer << " frame " << frame;
                EXPECT_EQ(out.ssrc, out_ssrc);
            }
            first = false;
            last_out = out.seq;
            out_ssrc = out.ssrc;
            ++forwarded;
        }
        ++seq[layer];
    };
    int frame = 0;
    for (; frame < 100; ++frame) // all three layers
        for (int layer = 0; layer < 3; ++layer) send(layer, frame, frame * 33 * kMs);
    for (; frame < 200; ++frame) // the top layer is gone
        for (int layer = 0; layer < 2; ++layer) send(layer, frame, frame * 33 * kMs);
    for (; frame < 300; ++frame) // and back
        for (int layer = 0; layer < 3; ++layer) send(layer, frame, frame * 33 * kMs);
    // At the start the layers' first keyframes come one after the other: 0, 1,
    // then 2 as each becomes the best active one. Then down to 1, back to 2.
    EXPECT_EQ(switches, 5);
    EXPECT_EQ(selector.current(), 2);
    EXPECT_GT(forwarded, 100);
}
