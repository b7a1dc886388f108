#include "rtp/retransmit_buffer.hpp"

#include "rtp/rtx.hpp"
#include "rtp_test_util.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace portunus::rtp;
using portunus::rtp::test::RtpBuilder;
using Bytes = std::vector<uint8_t>;

namespace {
Bytes packet(uint16_t seq, size_t payload = 10) {
    RtpBuilder b{.seq = seq};
    for (size_t i = 0; i < payload; ++i) b.payload.push_back(static_cast<uint8_t>(seq + i));
    return b.build();
}
bool store(RetransmitBuffer &buf, const Bytes &bytes, int64_t now = 0) {
    Bytes copy = bytes;
    auto p = RtpPacket::parse(copy.data(), copy.size());
    return p && buf.store(*p, now);
}
Bytes bytesOf(const RetransmitBuffer::Stored *s) { return s ? Bytes(s->bytes.begin(), s->bytes.end()) : Bytes{}; }
} // namespace

TEST(RetransmitBuffer, StoresAndFindsBySequence) {
    RetransmitBuffer buf(64);
    EXPECT_EQ(buf.slotCount(), 64u);
    Bytes p10 = packet(10), p11 = packet(11);
    ASSERT_TRUE(store(buf, p10, 1000));
    ASSERT_TRUE(store(buf, p11, 2000));
    EXPECT_EQ(bytesOf(buf.find(10)), p10);
    EXPECT_EQ(bytesOf(buf.find(11)), p11);
    EXPECT_EQ(buf.find(10)->stored_us, 1000);
    EXPECT_EQ(buf.find(10)->header_size, 12u);
    EXPECT_EQ(buf.find(10)->payload_size, 10u);
    EXPECT_EQ(buf.find(12), nullptr);
    EXPECT_EQ(buf.find(10, 5000, 3000), nullptr) << "older than max age";
    EXPECT_NE(buf.find(11, 5000, 3000), nullptr);
    buf.clear();
    EXPECT_EQ(buf.find(11), nullptr);
}

TEST(RetransmitBuffer, OverwritesAndWraps) {
    RetransmitBuffer buf(16);
    for (int i = 0; i < 40; ++i) ASSERT_TRUE(store(buf, packet(static_cast<uint16_t>(65530 + i))));
    // Seqs 65530..65535 then 0..33: the last 16 (18..33) are held, older ones were overwritten.
    EXPECT_EQ(buf.find(17), nullptr);
    EXPECT_EQ(bytesOf(buf.find(18)), packet(18));
    EXPECT_EQ(bytesOf(buf.find(33)), packet(33));
    EXPECT_EQ(buf.find(65535), nullptr);
    EXPECT_EQ(buf.find(34), nullptr);
}

TEST(RetransmitBuffer, RoundsSlotsAndRejectsOversizedPackets) {
    EXPECT_EQ(RetransmitBuffer(1000).slotCount(), 1024u);
    EXPECT_EQ(RetransmitBuffer(1).slotCount(), 16u);
    EXPECT_EQ(RetransmitBuffer(1 << 20).slotCount(), 32768u);
    RetransmitBuffer buf;
    EXPECT_EQ(buf.slotCount(), RetransmitBuffer::kDefaultSlots);
    EXPECT_TRUE(store(buf, packet(1, RetransmitBuffer::kMaxPacketSize - 12)));
    EXPECT_FALSE(store(buf, packet(2, RetransmitBuffer::kMaxPacketSize - 11)));
}

TEST(RetransmitBuffer, ResendsAtMostOncePerInterval) {
    RetransmitBuffer buf(16);
    store(buf, packet(5));
    EXPECT_TRUE(buf.markResent(5, 1000, 50000));
    EXPECT_FALSE(buf.markResent(5, 30000, 50000));
    EXPECT_TRUE(buf.markResent(5, 51000, 50000));
    EXPECT_EQ(buf.find(5)->resends, 2);
    EXPECT_EQ(buf.find(5)->resent_us, 51000);
    EXPECT_FALSE(buf.markResent(6, 0, 0)) << "not held";
}

TEST(Rtx, EncapsulatesAndDecapsulatesRoundTrip) {
    RtpBuilder b{.pt = 96, .marker = true, .seq = 4242, .ts = 777, .ssrc = 0xAAAA, .csrcs = {0xC1},
                 .payload = {1, 2, 3, 4, 5}, .padding = 3};
    b.oneByte({{1, {'m'}}, {3, {9, 9}}});
    Bytes original = b.build();
    RetransmitBuffer buf(16);
    ASSERT_TRUE(store(buf, original));

    uint8_t out[1600];
    size_t n = buf.writeRtx(4242, RtxParams{97, 0xBBBB, 9}, out);
    ASSERT_GT(n, 0u);
    auto rtx = RtpPacket::parse(out, n, sizeof(out));
    ASSERT_TRUE(rtx);
    EXPECT_EQ(rtx->payloadType(), 97);
    EXPECT_TRUE(rtx->marker());
    EXPECT_EQ(rtx->ssrc(), 0xBBBBu);
    EXPECT_EQ(rtx->sequence(), 9);
    EXPECT_EQ(rtx->timestamp(), 777u);
    EXPECT_EQ(rtx->csrc(0), 0xC1u);
    EXPECT_EQ(rtx->extension(1).size(), 1u);
    EXPECT_EQ(rtx->paddingSize(), 0u);
    EXPECT_EQ(Bytes(rtx->payload().begin(), rtx->payload().end()), (Bytes{0x10, 0x92, 1, 2, 3, 4, 5})); // OSN 4242

    ASSERT_TRUE(decapsulateRtx(*rtx, 96, 0xAAAA));
    EXPECT_EQ(rtx->sequence(), 4242);
    EXPECT_EQ(rtx->ssrc(), 0xAAAAu);
    EXPECT_EQ(rtx->payloadType(), 96);
    EXPECT_TRUE(rtx->marker());
    Bytes expected = original;
    expected.resize(expected.size() - 3); // the padding is dropped
    expected[0] &= ~0x20;
    EXPECT_EQ(Bytes(out, out + rtx->size()), expected);

    EXPECT_EQ(buf.writeRtx(4243, RtxParams{97, 1, 1}, out), 0u) << "not held";
    EXPECT_EQ(buf.writeRtx(4242, RtxParams{97, 1, 1}, std::span(out, 20)), 0u) << "no room";
}

TEST(Rtx, DecapsulationNeedsAnOsn) {
    Bytes b = RtpBuilder{.payload = {7}}.build();
    auto p = RtpPacket::parse(b.data(), b.size());
    EXPECT_FALSE(decapsulateRtx(*p, 96, 1));
    EXPECT_EQ(p->sequence(), 1) << "untouched";
    Bytes padding_only = RtpBuilder{.payload = {0x00, 0x05}, .padding = 4}.build(); // keepalive-ish RTX
    auto q = RtpPacket::parse(padding_only.data(), padding_only.size());
    ASSERT_TRUE(decapsulateRtx(*q, 96, 1));
    EXPECT_EQ(q->sequence(), 5);
    EXPECT_EQ(q->payloadSize(), 0u);
}
