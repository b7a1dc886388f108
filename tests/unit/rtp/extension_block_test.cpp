#include "rtp/extension_block.hpp"

#include "rtp/header_extensions.hpp"
#include "rtp/rtp_packet.hpp"

#include <gtest/gtest.h>

#include <array>
#include <vector>

using namespace portunus::rtp;

namespace {

// A packet with the given extension block bytes (empty = none) and payload.
std::vector<uint8_t> packet(const std::vector<uint8_t> &block, const std::vector<uint8_t> &payload) {
    std::vector<uint8_t> p = {0x80, 96, 0x12, 0x34, 0, 0, 0x10, 0, 0xAA, 0xBB, 0xCC, 0xDD};
    if (!block.empty()) p[0] |= 0x10;
    p.insert(p.end(), block.begin(), block.end());
    p.insert(p.end(), payload.begin(), payload.end());
    return p;
}

} // namespace

TEST(ExtensionBlock, ReplacesTheSendersBlockWithOurs) {
    // The sender's block: one-byte form, id 3 (2 bytes) and id 9 (1 byte), padded.
    std::vector<uint8_t> sender = {0xBE, 0xDE, 0x00, 0x02, 0x31, 0x01, 0x02, 0x90, 0x7F, 0x00, 0x00, 0x00};
    std::vector<uint8_t> payload = {1, 2, 3, 4, 5};
    std::vector<uint8_t> buf = packet(sender, payload);
    size_t length = buf.size();
    buf.resize(200);

    ExtensionBlock ours;
    ASSERT_TRUE(ours.add(4, std::string_view("v1")));
    uint8_t level = 0x80 | 30;
    ASSERT_TRUE(ours.add(1, std::span<const uint8_t>(&level, 1)));
    ASSERT_TRUE(replaceExtensions(buf.data(), length, buf.size(), ours));

    auto p = RtpPacket::parse(buf.data(), length);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->sequence(), 0x1234);
    EXPECT_EQ(p->ssrc(), 0xAABBCCDDu);
    EXPECT_TRUE(p->extension(3).empty());
    EXPECT_TRUE(p->extension(9).empty());
    auto mid = readSdesId(p->extension(4));
    ASSERT_TRUE(mid);
    EXPECT_EQ(mid->view(), "v1");
    auto audio = readAudioLevel(p->extension(1));
    ASSERT_TRUE(audio);
    EXPECT_TRUE(audio->voice);
    EXPECT_EQ(audio->level, 30);
    EXPECT_EQ(std::vector<uint8_t>(p->payload().begin(), p->payload().end()), payload);
}

TEST(ExtensionBlock, AddsRemovesAndUsesTheTwoByteFormForHighIds) {
    std::vector<uint8_t> payload = {9, 8, 7};
    std::vector<uint8_t> buf = packet({}, payload);
    size_t length = buf.size();
    buf.resize(100);
    ExtensionBlock high;
    ASSERT_TRUE(high.add(20, std::string_view("mid")));
    ASSERT_TRUE(replaceExtensions(buf.data(), length, buf.size(), high));
    auto p = RtpPacket::parse(buf.data(), length);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->extensionForm(), RtpPacket::ExtensionForm::twoByte);
    EXPECT_EQ(readSdesId(p->extension(20))->view(), "mid");

    ASSERT_TRUE(replaceExtensions(buf.data(), length, buf.size(), ExtensionBlock{}));
    p = RtpPacket::parse(buf.data(), length);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->extensionForm(), RtpPacket::ExtensionForm::none);
    EXPECT_EQ(length, 12u + payload.size());
}

TEST(ExtensionBlock, RefusesWhatDoesNotFitOrIsNotRtp) {
    ExtensionBlock b;
    EXPECT_FALSE(b.add(0, std::string_view("x")));
    EXPECT_FALSE(b.add(1, std::string_view("")));
    EXPECT_FALSE(b.add(1, std::string_view("seventeen-bytes!!")));
    ASSERT_TRUE(b.add(1, std::string_view("0123456789abcdef")));

    std::vector<uint8_t> buf = packet({}, {1, 2, 3});
    size_t length = buf.size();
    std::vector<uint8_t> before = buf;
    EXPECT_FALSE(replaceExtensions(buf.data(), length, buf.size(), b)); // no room to grow
    EXPECT_EQ(buf, before);
    EXPECT_EQ(length, before.size());

    std::vector<uint8_t> truncated = {0x90, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xBE, 0xDE, 0x00, 0x05};
    size_t n = truncated.size();
    EXPECT_FALSE(replaceExtensions(truncated.data(), n, 64, b)); // the block claims 20 bytes it lacks
}
