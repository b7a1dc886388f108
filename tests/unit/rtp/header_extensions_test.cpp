#include "rtp/header_extensions.hpp"

#include "rtp_test_util.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace portunus::rtp;
using portunus::rtp::test::RtpBuilder;
using Bytes = std::vector<uint8_t>;

TEST(ExtensionMap, MapsKnownUrisToIds) {
    ExtensionMap map;
    EXPECT_TRUE(map.add("urn:ietf:params:rtp-hdrext:sdes:mid", 4));
    EXPECT_TRUE(map.add("http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01", 3));
    EXPECT_FALSE(map.add("urn:example:unknown", 5));
    EXPECT_FALSE(map.add("urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id", 0));
    EXPECT_EQ(map.id(ExtensionType::mid), 4);
    EXPECT_EQ(map.id(ExtensionType::transportWideCc), 3);
    EXPECT_EQ(map.id(ExtensionType::rid), 0);
    EXPECT_EQ(ExtensionMap::typeOf("urn:3gpp:video-orientation"), ExtensionType::videoOrientation);
    EXPECT_EQ(ExtensionMap::uri(ExtensionType::audioLevel), "urn:ietf:params:rtp-hdrext:ssrc-audio-level");
    for (size_t i = 0; i < size_t(ExtensionType::count); ++i)
        EXPECT_EQ(ExtensionMap::typeOf(ExtensionMap::uri(ExtensionType(i))), ExtensionType(i));
    map.clear();
    EXPECT_EQ(map.id(ExtensionType::mid), 0);
}

TEST(HeaderExtensions, ReadsEveryTypeFromBothForms) {
    ExtensionMap map;
    map.set(ExtensionType::mid, 1);
    map.set(ExtensionType::rid, 2);
    map.set(ExtensionType::repairedRid, 3);
    map.set(ExtensionType::absSendTime, 4);
    map.set(ExtensionType::transportWideCc, 5);
    map.set(ExtensionType::audioLevel, 6);
    map.set(ExtensionType::videoOrientation, 7);
    std::initializer_list<std::pair<uint8_t, std::vector<uint8_t>>> exts = {
        {1, {'0'}}, {2, {'h', 'i', 0, 0}}, {3, {'l', 'o'}}, {4, {0x12, 0x34, 0x56}},
        {5, {0x01, 0x02}}, {6, {0x80 | 33}}, {7, {0x0B}}};
    for (bool two_byte : {false, true}) {
        RtpBuilder rb;
        Bytes b = two_byte ? rb.twoByte(exts).build() : rb.oneByte(exts).build();
        auto p = RtpPacket::parse(b.data(), b.size());
        ASSERT_TRUE(p);
        EXPECT_EQ(readSdesId(map.find(*p, ExtensionType::mid))->view(), "0");
        EXPECT_EQ(readSdesId(map.find(*p, ExtensionType::rid))->view(), "hi");
        EXPECT_EQ(readSdesId(map.find(*p, ExtensionType::repairedRid))->view(), "lo");
        EXPECT_EQ(readAbsSendTime(map.find(*p, ExtensionType::absSendTime)), 0x123456u);
        EXPECT_EQ(readTransportSeq(map.find(*p, ExtensionType::transportWideCc)), 258);
        auto level = readAudioLevel(map.find(*p, ExtensionType::audioLevel));
        ASSERT_TRUE(level);
        EXPECT_TRUE(level->voice);
        EXPECT_EQ(level->level, 33);
        auto orientation = readVideoOrientation(map.find(*p, ExtensionType::videoOrientation));
        ASSERT_TRUE(orientation);
        EXPECT_TRUE(orientation->camera);
        EXPECT_FALSE(orientation->flip);
        EXPECT_EQ(orientation->rotation, 270);
    }
}

TEST(HeaderExtensions, ReadersRejectBadValues) {
    const uint8_t seventeen[17] = {'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a'};
    EXPECT_FALSE(readSdesId(seventeen));
    EXPECT_EQ(readSdesId(std::span(seventeen, 16))->size, 16);
    EXPECT_FALSE(readSdesId({}));
    const uint8_t nul_first[] = {0, 'a'}, space[] = {'a', ' '};
    EXPECT_FALSE(readSdesId(nul_first));
    EXPECT_FALSE(readSdesId(space));
    const uint8_t two[] = {1, 2}, four[] = {1, 2, 3, 4};
    EXPECT_FALSE(readAbsSendTime(two));
    EXPECT_FALSE(readAbsSendTime(four));
    EXPECT_FALSE(readTransportSeq(std::span(two, 1)));
    EXPECT_EQ(readTransportSeq(four), 0x0102) << "transport-cc v2 starts with the seq";
    EXPECT_FALSE(readAudioLevel({}));
    EXPECT_FALSE(readVideoOrientation({}));
    const uint8_t flipped[] = {0x05};
    EXPECT_EQ(readVideoOrientation(flipped)->rotation, 90);
    EXPECT_TRUE(readVideoOrientation(flipped)->flip);
}

TEST(HeaderExtensions, AbsSendTimeFromMicroseconds) {
    EXPECT_EQ(absSendTimeFromUs(0), 0u);
    EXPECT_EQ(absSendTimeFromUs(1500000), 0x060000u); // 1.5 s in 6.18
    EXPECT_EQ(absSendTimeFromUs(64000000), 0u);       // wraps every 64 s
    EXPECT_EQ(absSendTimeFromUs(64000000 + 250000), absSendTimeFromUs(250000));
}

TEST(HeaderExtensions, WritersStampPacketsWeSend) {
    for (bool two_byte : {false, true}) {
        RtpBuilder rb;
        std::initializer_list<std::pair<uint8_t, std::vector<uint8_t>>> exts = {{2, {0, 0, 0}}, {3, {0, 0}}};
        Bytes b = two_byte ? rb.twoByte(exts).build() : rb.oneByte(exts).build();
        auto p = RtpPacket::parse(b.data(), b.size());
        ASSERT_TRUE(p);
        EXPECT_TRUE(writeAbsSendTime(*p, 2, 0xABCDEF));
        EXPECT_TRUE(writeTransportSeq(*p, 3, 0xFFFE));
        EXPECT_FALSE(writeTransportSeq(*p, 2, 1)) << "size mismatch";
        EXPECT_FALSE(writeAbsSendTime(*p, 9, 1)) << "not carried";
        auto again = RtpPacket::parse(b.data(), b.size());
        EXPECT_EQ(readAbsSendTime(again->extension(2)), 0xABCDEFu);
        EXPECT_EQ(readTransportSeq(again->extension(3)), 0xFFFE);
    }
}
