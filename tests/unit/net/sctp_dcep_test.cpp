// DCEP (RFC 8832) messages: DATA_CHANNEL_OPEN with every channel type, the
// ACK, and what a bounds-checked parser must refuse.
#include "net/dcep.hpp"

#include <gtest/gtest.h>

using namespace portunus::net;

namespace {

std::vector<uint8_t> bytes(std::initializer_list<int> list) {
    std::vector<uint8_t> out;
    for (int b : list) out.push_back(static_cast<uint8_t>(b));
    return out;
}

} // namespace

TEST(Dcep, ParsesAnOpenFromTheWire) {
    // Partially reliable (rexmit), unordered, priority 512, 3 retransmissions, "chat" / "j".
    auto wire = bytes({0x03, 0x81, 0x02, 0x00, 0, 0, 0, 3, 0, 4, 0, 1, 'c', 'h', 'a', 't', 'j'});
    auto open = dcep::parseOpen(wire.data(), wire.size());
    ASSERT_TRUE(open.has_value());
    EXPECT_FALSE(open->params.ordered);
    EXPECT_EQ(open->params.reliability, dcep::Reliability::max_retransmits);
    EXPECT_EQ(open->params.reliability_value, 3u);
    EXPECT_EQ(open->params.priority, 512);
    EXPECT_EQ(open->label, "chat");
    EXPECT_EQ(open->protocol, "j");
    EXPECT_EQ(dcep::messageType(wire.data(), wire.size()), dcep::MessageType::open);
    EXPECT_EQ(dcep::buildOpen(*open), wire);
}

TEST(Dcep, EveryChannelTypeRoundTrips) {
    struct Case {
        uint8_t type;
        bool ordered;
        dcep::Reliability reliability;
    };
    for (auto c : {Case{0x00, true, dcep::Reliability::reliable}, Case{0x80, false, dcep::Reliability::reliable},
                   Case{0x01, true, dcep::Reliability::max_retransmits},
                   Case{0x81, false, dcep::Reliability::max_retransmits},
                   Case{0x02, true, dcep::Reliability::max_packet_lifetime},
                   Case{0x82, false, dcep::Reliability::max_packet_lifetime}}) {
        dcep::Open open;
        open.params = {c.ordered, c.reliability, 1500, 256};
        open.label = "label";
        open.protocol = "";
        auto wire = dcep::buildOpen(open);
        ASSERT_EQ(wire.size(), dcep::kOpenHeaderSize + 5);
        EXPECT_EQ(wire[1], c.type);
        auto back = dcep::parseOpen(wire.data(), wire.size());
        ASSERT_TRUE(back.has_value());
        EXPECT_EQ(back->params.ordered, c.ordered);
        EXPECT_EQ(back->params.reliability, c.reliability);
        // A reliable channel's parameter is meaningless: written and read as 0.
        EXPECT_EQ(back->params.reliability_value, c.reliability == dcep::Reliability::reliable ? 0u : 1500u);
        EXPECT_EQ(back->label, "label");
    }
}

TEST(Dcep, RefusesWhatDoesNotAddUp) {
    auto good = bytes({0x03, 0x00, 0x01, 0x00, 0, 0, 0, 0, 0, 2, 0, 2, 'a', 'b', 'c', 'd'});
    EXPECT_TRUE(dcep::parseOpen(good.data(), good.size()).has_value());
    for (size_t n = 0; n < good.size(); ++n) EXPECT_FALSE(dcep::parseOpen(good.data(), n).has_value()) << n;
    auto long_label = good;
    long_label[8] = 0xff; // label length 65282
    EXPECT_FALSE(dcep::parseOpen(long_label.data(), long_label.size()).has_value());
    auto bad_type = good;
    bad_type[1] = 0x03;
    EXPECT_FALSE(dcep::parseOpen(bad_type.data(), bad_type.size()).has_value());
    auto not_open = good;
    not_open[0] = 0x02;
    EXPECT_FALSE(dcep::parseOpen(not_open.data(), not_open.size()).has_value());
    EXPECT_FALSE(dcep::parseOpen(nullptr, 0).has_value());
    auto trailing = good;
    trailing.push_back(0);
    EXPECT_TRUE(dcep::parseOpen(trailing.data(), trailing.size()).has_value());
}

TEST(Dcep, AckAndUnknownTypes) {
    uint8_t ack = dcep::buildAck();
    EXPECT_EQ(ack, 0x02);
    EXPECT_TRUE(dcep::isAck(&ack, 1));
    EXPECT_EQ(dcep::messageType(&ack, 1), dcep::MessageType::ack);
    uint8_t other = 0x07;
    EXPECT_FALSE(dcep::messageType(&other, 1).has_value());
    EXPECT_FALSE(dcep::isAck(&other, 1));
    EXPECT_FALSE(dcep::messageType(nullptr, 0).has_value());
}

TEST(Dcep, RefusesToBuildOversizedLabels) {
    dcep::Open open;
    open.label.assign(dcep::kMaxLabelLength + 1, 'a');
    EXPECT_TRUE(dcep::buildOpen(open).empty());
    open.label.assign(dcep::kMaxLabelLength, 'a');
    EXPECT_EQ(dcep::buildOpen(open).size(), dcep::kOpenHeaderSize + dcep::kMaxLabelLength);
}
