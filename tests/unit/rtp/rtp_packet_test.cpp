#include "rtp/rtp_packet.hpp"

#include "rtp_test_util.hpp"

#include <gtest/gtest.h>

#include <vector>

using portunus::rtp::RtpPacket;
using portunus::rtp::test::RtpBuilder;
using Bytes = std::vector<uint8_t>;

namespace {
std::optional<RtpPacket> parse(Bytes &b) { return RtpPacket::parse(b.data(), b.size(), b.size()); }
Bytes span(std::span<const uint8_t> s) { return Bytes(s.begin(), s.end()); }
} // namespace

TEST(RtpPacket, ParsesAMinimalHandWrittenPacket) {
    // V=2, PT 96, seq 1, ts 1000, SSRC 0x11223344, payload "abc".
    Bytes b = {0x80, 0x60, 0x00, 0x01, 0x00, 0x00, 0x03, 0xE8, 0x11, 0x22, 0x33, 0x44, 'a', 'b', 'c'};
    auto p = parse(b);
    ASSERT_TRUE(p);
    EXPECT_FALSE(p->marker());
    EXPECT_EQ(p->payloadType(), 96);
    EXPECT_EQ(p->sequence(), 1);
    EXPECT_EQ(p->timestamp(), 1000u);
    EXPECT_EQ(p->ssrc(), 0x11223344u);
    EXPECT_EQ(p->csrcCount(), 0);
    EXPECT_EQ(p->headerSize(), 12u);
    EXPECT_EQ(p->extensionForm(), RtpPacket::ExtensionForm::none);
    EXPECT_EQ(span(p->payload()), (Bytes{'a', 'b', 'c'}));
    EXPECT_TRUE(p->extension(1).empty());
}

TEST(RtpPacket, SettersRewriteTheBufferInPlace) {
    Bytes b = RtpBuilder{.pt = 111, .marker = true, .seq = 7, .ts = 5, .ssrc = 9}.build();
    auto p = parse(b);
    ASSERT_TRUE(p);
    EXPECT_TRUE(p->marker());
    p->setPayloadType(100);
    EXPECT_TRUE(p->marker()); // the marker survives a PT rewrite
    p->setMarker(false);
    p->setSequence(0xABCD);
    p->setTimestamp(0x01020304);
    p->setSsrc(0xCAFEBABE);
    EXPECT_EQ(b[1], 100);
    EXPECT_EQ(Bytes(b.begin() + 2, b.begin() + 12),
              (Bytes{0xAB, 0xCD, 0x01, 0x02, 0x03, 0x04, 0xCA, 0xFE, 0xBA, 0xBE}));
    auto again = parse(b);
    EXPECT_EQ(again->sequence(), 0xABCD);
    EXPECT_EQ(again->ssrc(), 0xCAFEBABEu);
}

TEST(RtpPacket, Csrcs) {
    Bytes b = RtpBuilder{.csrcs = {0xA, 0xB}, .payload = {1}}.build();
    auto p = parse(b);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->csrcCount(), 2);
    EXPECT_EQ(p->csrc(0), 0xAu);
    EXPECT_EQ(p->csrc(1), 0xBu);
    EXPECT_EQ(p->csrc(2), 0u);
    EXPECT_EQ(p->headerSize(), 20u);
    EXPECT_EQ(p->payloadSize(), 1u);
}

TEST(RtpPacket, OneByteExtensionsAsInRfc8285) {
    // The layout of RFC 8285 §4.2's figure: id 1 (1 byte), id 2 (2 bytes),
    // two padding bytes, id 3 (4 bytes) — 3 words.
    Bytes b = {0x90, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2,                   // header with X
               0xBE, 0xDE, 0x00, 0x03,                                     // profile, length 3
               0x10, 0xAA, 0x21, 0xBB, 0xCC, 0x00, 0x00, 0x33, 0xD1, 0xD2, 0xD3, 0xD4, // elements
               'p'};
    auto p = parse(b);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->extensionForm(), RtpPacket::ExtensionForm::oneByte);
    EXPECT_EQ(p->extensionCount(), 3u);
    EXPECT_EQ(span(p->extension(1)), (Bytes{0xAA}));
    EXPECT_EQ(span(p->extension(2)), (Bytes{0xBB, 0xCC}));
    EXPECT_EQ(span(p->extension(3)), (Bytes{0xD1, 0xD2, 0xD3, 0xD4}));
    EXPECT_TRUE(p->extension(4).empty());
    EXPECT_EQ(p->headerSize(), 28u);
    EXPECT_EQ(span(p->payload()), (Bytes{'p'}));
}

TEST(RtpPacket, TwoByteExtensions) {
    Bytes b = RtpBuilder{.payload = {9}}.twoByte({{1, {}}, {2, {'a', 'b', 'c'}}, {200, {0x42}}}).build();
    auto p = parse(b);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->extensionForm(), RtpPacket::ExtensionForm::twoByte);
    EXPECT_EQ(p->extensionCount(), 3u);
    EXPECT_TRUE(p->extension(1).empty());
    EXPECT_EQ(span(p->extension(2)), (Bytes{'a', 'b', 'c'}));
    EXPECT_EQ(span(p->extension(200)), (Bytes{0x42}));
    EXPECT_EQ(span(p->payload()), (Bytes{9}));
    // appbits in the profile's low nibble are still the two-byte form
    b[13] = 0x05;
    EXPECT_EQ(parse(b)->extensionForm(), RtpPacket::ExtensionForm::twoByte);
}

TEST(RtpPacket, OneByteIdFifteenStopsParsing) {
    Bytes b = RtpBuilder{}.oneByte({{1, {1}}, {15, {2}}, {2, {3}}}).build();
    auto p = parse(b);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->extensionCount(), 1u);
    EXPECT_TRUE(p->extension(2).empty());
}

TEST(RtpPacket, UnknownProfileIsSkippedNotIndexed) {
    RtpBuilder rb{.payload = {7, 8}};
    rb.has_ext = true;
    rb.profile = 0x1234;
    rb.ext = {1, 2, 3, 4};
    Bytes b = rb.build();
    auto p = parse(b);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->extensionForm(), RtpPacket::ExtensionForm::other);
    EXPECT_EQ(p->extensionProfile(), 0x1234);
    EXPECT_EQ(p->extensionCount(), 0u);
    EXPECT_EQ(span(p->payload()), (Bytes{7, 8}));
}

TEST(RtpPacket, Padding) {
    Bytes b = RtpBuilder{.payload = {1, 2, 3}, .padding = 4}.build();
    auto p = parse(b);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->paddingSize(), 4u);
    EXPECT_EQ(span(p->payload()), (Bytes{1, 2, 3}));
    // padding-only packet (a bandwidth probe)
    Bytes probe = RtpBuilder{.padding = 255}.build();
    auto q = parse(probe);
    ASSERT_TRUE(q);
    EXPECT_EQ(q->payloadSize(), 0u);
}

TEST(RtpPacket, MoreThanSixteenExtensionsKeepsTheFirstSixteen) {
    RtpBuilder rb;
    rb.has_ext = true;
    rb.profile = 0x1000;
    for (uint8_t id = 1; id <= 17; ++id) rb.ext.insert(rb.ext.end(), {id, 1, id});
    Bytes b = rb.build();
    auto p = parse(b);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->extensionCount(), RtpPacket::kMaxExtensions);
    EXPECT_EQ(span(p->extension(16)), (Bytes{16}));
    EXPECT_TRUE(p->extension(17).empty());
}

TEST(RtpPacket, RejectsMalformedPackets) {
    Bytes good = RtpBuilder{.payload = {1}}.oneByte({{1, {1, 2}}}).build();
    ASSERT_TRUE(parse(good));
    EXPECT_FALSE(RtpPacket::parse(nullptr, 0, 0));
    Bytes b = good;
    EXPECT_FALSE(RtpPacket::parse(b.data(), 11, 11)) << "shorter than the fixed header";
    EXPECT_FALSE(RtpPacket::parse(b.data(), b.size(), b.size() - 1)) << "capacity below length";
    for (uint8_t v : {0x00, 0x40, 0xC0}) {
        b = good;
        b[0] = static_cast<uint8_t>((b[0] & 0x3F) | v);
        EXPECT_FALSE(parse(b)) << "version " << (v >> 6);
    }
    b = good;
    b[0] |= 0x0F; // 15 CSRCs do not fit
    EXPECT_FALSE(parse(b));
    b = Bytes(good.begin(), good.begin() + 14); // extension header cut
    EXPECT_FALSE(parse(b));
    b = good;
    b[15] = 9; // extension length beyond the packet
    EXPECT_FALSE(parse(b));

    Bytes overrun = RtpBuilder{}.oneByte({{1, {1}}}).build();
    overrun[16] = 0x1F; // id 1 claims 16 bytes in a 4-byte block
    EXPECT_FALSE(parse(overrun));
    Bytes dup = RtpBuilder{}.oneByte({{1, {1}}, {1, {2}}}).build();
    EXPECT_FALSE(parse(dup)) << "an id twice";
    Bytes two = RtpBuilder{}.twoByte({{1, {1, 2}}}).build();
    two[17] = 5; // the value runs past the block
    EXPECT_FALSE(parse(two));
    RtpBuilder lone;
    lone.has_ext = true;
    lone.profile = 0x1000;
    lone.ext = {0, 0, 0, 7}; // an id without its length byte at the block's end
    Bytes cut = lone.build();
    EXPECT_FALSE(parse(cut));

    Bytes padded = RtpBuilder{.payload = {1, 2}, .padding = 2}.build();
    padded.back() = 0;
    EXPECT_FALSE(parse(padded)) << "padding count 0";
    padded.back() = 4;
    EXPECT_TRUE(parse(padded)) << "all of the payload may be padding";
    padded.back() = 5;
    EXPECT_FALSE(parse(padded)) << "padding longer than the payload";
    Bytes no_room = RtpBuilder{}.build();
    no_room[0] |= 0x20;
    EXPECT_FALSE(parse(no_room)) << "P set, no byte for the count";
}

TEST(RtpPacket, SetExtensionOnlyWhenTheSlotFits) {
    Bytes b = RtpBuilder{}.oneByte({{3, {0, 0, 0}}}).build();
    auto p = parse(b);
    ASSERT_TRUE(p);
    const uint8_t v3[] = {1, 2, 3}, v2[] = {1, 2};
    EXPECT_TRUE(p->setExtension(3, v3));
    EXPECT_EQ(Bytes(b.begin() + 17, b.begin() + 20), (Bytes{1, 2, 3}));
    EXPECT_FALSE(p->setExtension(3, v2));
    EXPECT_FALSE(p->setExtension(4, v3));
    EXPECT_FALSE(p->setExtension(0, v3));
}

TEST(RtpPacket, RenumbersExtensions) {
    Bytes b = RtpBuilder{}.oneByte({{3, {7}}, {4, {8}}}).build();
    auto p = parse(b);
    ASSERT_TRUE(p);
    EXPECT_FALSE(p->setExtensionId(3, 4)) << "taken";
    EXPECT_FALSE(p->setExtensionId(3, 15)) << "one-byte ids stop at 14";
    EXPECT_TRUE(p->setExtensionId(3, 9));
    EXPECT_EQ(span(parse(b)->extension(9)), (Bytes{7}));
    EXPECT_TRUE(parse(b)->extension(3).empty());

    Bytes t = RtpBuilder{}.twoByte({{3, {7}}}).build();
    auto q = parse(t);
    EXPECT_TRUE(q->setExtensionId(3, 250));
    EXPECT_EQ(span(parse(t)->extension(250)), (Bytes{7}));
}

TEST(RtpPacket, SetPayloadSizeStaysWithinCapacity) {
    Bytes b = RtpBuilder{.payload = {1, 2, 3}, .padding = 4}.build();
    b.resize(b.size() + 2);
    auto p = RtpPacket::parse(b.data(), b.size() - 2, b.size());
    ASSERT_TRUE(p);
    EXPECT_TRUE(p->setPayloadSize(2));
    EXPECT_EQ(p->size(), 14u);
    EXPECT_EQ(p->paddingSize(), 0u);
    EXPECT_EQ(b[0] & 0x20, 0);
    EXPECT_TRUE(p->setPayloadSize(9));
    EXPECT_FALSE(p->setPayloadSize(10));
}
