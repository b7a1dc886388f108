// The toolkit's per-packet calls allocate nothing: parsing, keyframe
// detection, rewriting, layer selection, keyframe throttling and talking
// detection over 10,000 packets (counted with the unit_tests allocation hook).
#include "../../rtp/allocation_counter.hpp"
#include "../../rtp/rtp_test_util.hpp"
#include "media_test_util.hpp"

#include <portunus/media/audio_level.hpp>
#include <portunus/media/codec.hpp>
#include <portunus/media/dependency_descriptor.hpp>
#include <portunus/media/keyframe_requester.hpp>
#include <portunus/media/rtp_rewriter.hpp>
#include <portunus/media/rtp_view.hpp>
#include <portunus/media/simulcast_selector.hpp>
#include <portunus/media/vp8.hpp>
#include <portunus/media/vp9.hpp>

#include <gtest/gtest.h>

#include <memory>
#include <vector>

using namespace portunus::media;
using portunus::test::AllocationCounter;

TEST(SdkMediaAllocations, PerPacketCallsAllocateNothing) {
    auto frames = test::ivfFrames("vp8_160x120.ivf");
    ASSERT_EQ(frames.size(), 2u);
    std::vector<std::vector<uint8_t>> packets;
    for (int layer = 0; layer < 3; ++layer)
        for (int i = 0; i < 4; ++i) {
            portunus::rtp::test::RtpBuilder b{.seq = uint16_t(i), .ssrc = 0x100u + uint32_t(layer)};
            b.oneByte({{1, {uint8_t(i * 20)}}, {2, {0xC0, 0x00, 0x01}}});
            b.payload = test::Vp8DescriptorBuilder{.picture_id = i, .tl0picidx = 0, .tid = i % 3}.payload(
                frames[i == 0 ? 0 : 1]);
            packets.push_back(b.build());
        }
    // Everything a stream owns is made before counting.
    auto selector = std::make_unique<SimulcastSelector>();
    auto rewriter = std::make_unique<RtpRewriter>();
    auto vp8 = std::make_unique<Vp8Rewriter>();
    auto keyframes = std::make_unique<KeyframeRequester>();
    auto talking = std::make_unique<TalkingDetector>(25, 10);
    auto structure = std::make_unique<DependencyStructure>();
    selector->setTarget(2, 1);

    uint64_t checksum = 0;
    AllocationCounter counter;
    for (int n = 0; n < 10000; ++n) {
        std::vector<uint8_t> &wire = packets[size_t(n) % packets.size()];
        auto h = parseRtp(wire.data(), wire.size());
        if (!h) continue;
        const int layer = int(h->ssrc - 0x100);
        const int64_t now = n * 3000;
        uint8_t *payload = wire.data() + h->header_size;
        auto d = parseVp8(payload, h->payload_size);
        const bool key = isKeyframe(Codec::vp8, payload, h->payload_size);
        checksum += isKeyframe(Codec::h264, payload, h->payload_size) + isKeyframe(Codec::vp9, payload, 4);
        uint16_t w = 0, hh = 0;
        checksum += vp8KeyframeSize(payload, h->payload_size, w, hh) ? w : 0;
        auto decision = selector->onPacket(layer, key, d && d->has_tid ? d->tid : -1, now);
        if (decision.want_keyframe) checksum += keyframes->request(now);
        checksum += keyframes->retryDue(now);
        if (key) keyframes->onKeyframe();
        if (decision.switched) {
            rewriter->switchSource();
            vp8->switchSource();
        }
        if (decision.dropped) {
            rewriter->drop(h->seq);
            vp8->drop(payload, h->payload_size);
        }
        if (decision.forward) {
            auto out = rewriter->rewrite(h->ssrc, h->seq, h->timestamp, 90000, now);
            vp8->rewrite(payload, h->payload_size);
            checksum += out.seq;
        }
        if (auto level = parseAudioLevel(findExtension(*h, 1)))
            checksum += talking->onLevel(level->level) != TalkingDetector::Change::none;
        if (auto dd = parseDependencyDescriptor(findExtension(*h, 2), structure.get())) checksum += dd->frame_number;
        auto vp9 = parseVp9(payload, h->payload_size);
        checksum += vp9 ? vp9->size : 0;
        checksum += codecFromName("VP8") == Codec::vp8;
    }
    EXPECT_EQ(counter.count(), 0u);
    EXPECT_GT(checksum, 0u);
}
