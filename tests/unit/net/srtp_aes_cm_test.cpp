// AES-128 counter mode against RFC 3711 Appendix B.2.
#include "net/srtp_aes_cm.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace portunus::net;

namespace {
std::vector<uint8_t> fromHex(const std::string &hex) {
    std::vector<uint8_t> out;
    for (size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(static_cast<uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return out;
}
std::vector<uint8_t> block(const std::vector<uint8_t> &stream, size_t counter) {
    return {stream.begin() + static_cast<std::ptrdiff_t>(counter * 16),
            stream.begin() + static_cast<std::ptrdiff_t>(counter * 16 + 16)};
}
} // namespace

TEST(SrtpAesCm, Rfc3711AppendixB2Keystream) {
    auto key = fromHex("2B7E151628AED2A6ABF7158809CF4F3C");
    // Salt F0F1...FCFD, SSRC 0, index 0: the IV is the salt shifted by 16 bits.
    auto iv = fromHex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");
    SrtpAesCm cm;
    ASSERT_TRUE(cm.init(key.data()));
    std::vector<uint8_t> stream(65282 * 16, 0); // the RFC's 1,044,512-byte segment
    ASSERT_TRUE(cm.apply(iv.data(), stream.data(), stream.size()));
    EXPECT_EQ(block(stream, 0x0000), fromHex("E03EAD0935C95E80E166B16DD92B4EB4"));
    EXPECT_EQ(block(stream, 0x0001), fromHex("D23513162B02D0F72A43A2FE4A5F97AB"));
    EXPECT_EQ(block(stream, 0x0002), fromHex("41E95B3BB0A2E8DD477901E4FCA894C0"));
    EXPECT_EQ(block(stream, 0xFEFF), fromHex("EC8CDF7398607CB0F2D21675EA9EA1E4"));
    EXPECT_EQ(block(stream, 0xFF00), fromHex("362B7C3C6773516318A077D7FC5073AE"));
    EXPECT_EQ(block(stream, 0xFF01), fromHex("6A2CC3787889374FBEB4C81B17BA6C44"));

    // Every call restarts at its IV, and applying twice gives the plaintext back.
    std::vector<uint8_t> data(100, 0x5A), copy = data;
    ASSERT_TRUE(cm.apply(iv.data(), data.data(), data.size()));
    EXPECT_EQ(data[0], 0x5A ^ 0xE0);
    ASSERT_TRUE(cm.apply(iv.data(), data.data(), data.size()));
    EXPECT_EQ(data, copy);
    EXPECT_TRUE(cm.apply(iv.data(), data.data(), 0));
}

TEST(SrtpAesCm, UnkeyedContextRefuses) {
    SrtpAesCm cm;
    uint8_t iv[16] = {}, data[4] = {};
    EXPECT_FALSE(cm.ready());
    EXPECT_FALSE(cm.apply(iv, data, sizeof data));
}
