// The SRTP key derivation against RFC 3711 Appendix B.3, and the AEAD salt
// padding libsrtp applies (RFC 7714 §11).
#include "net/srtp_key_derivation.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace portunus::net;
using Label = SrtpKeyDerivation::Label;

namespace {

std::vector<uint8_t> fromHex(const std::string &hex) {
    std::vector<uint8_t> out;
    for (size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(static_cast<uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return out;
}

std::vector<uint8_t> derive(SrtpKeyDerivation &kdf, Label label, size_t size) {
    std::vector<uint8_t> out(size, 0xEE);
    EXPECT_TRUE(kdf.derive(label, out.data(), out.size()));
    return out;
}

const auto kMasterKey = fromHex("E1F97A0D3E018BE0D64FA32C06DE4139");
const auto kMasterSalt = fromHex("0EC675AD498AFEEBB6960B3AABE6");

} // namespace

TEST(SrtpKeyDerivation, Rfc3711AppendixB3) {
    SrtpKeyDerivation kdf;
    ASSERT_TRUE(kdf.init(kMasterKey.data(), kMasterSalt.data(), kMasterSalt.size()));
    EXPECT_EQ(derive(kdf, Label::rtp_encryption, 16), fromHex("C61E7A93744F39EE10734AFE3FF7A087"));
    EXPECT_EQ(derive(kdf, Label::rtp_salt, 14), fromHex("30CBBC08863D8C85D49DB34A9AE1"));
    // The RFC lists 94 bytes of PRF output for the authentication label; SRTP uses the first 20.
    EXPECT_EQ(derive(kdf, Label::rtp_authentication, 94),
              fromHex("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA48F0A0ACF3C34E2359E6CDBCE"
                      "E049646C43D9327AD175578EF72270986371C10C9A369AC2F94A8C5FBCDDDC25"
                      "6D6E919A48B610EF17C2041E474035766B68642C59BBFC2F34DB60DBDFB2"));
    EXPECT_EQ(derive(kdf, Label::rtp_authentication, 20), fromHex("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4"));
}

TEST(SrtpKeyDerivation, LabelsGiveDistinctKeys) {
    SrtpKeyDerivation kdf;
    ASSERT_TRUE(kdf.init(kMasterKey.data(), kMasterSalt.data(), kMasterSalt.size()));
    std::vector<std::vector<uint8_t>> keys;
    for (auto label : {Label::rtp_encryption, Label::rtp_authentication, Label::rtp_salt, Label::rtcp_encryption,
                       Label::rtcp_authentication, Label::rtcp_salt})
        keys.push_back(derive(kdf, label, 14));
    for (size_t i = 0; i < keys.size(); ++i)
        for (size_t j = i + 1; j < keys.size(); ++j) EXPECT_NE(keys[i], keys[j]) << i << " " << j;
}

TEST(SrtpKeyDerivation, AeadTwelveByteSaltIsZeroPadded) {
    // A 12-byte master salt derives exactly what the same salt with two zero bytes appended does.
    auto padded = kMasterSalt;
    padded[12] = padded[13] = 0;
    SrtpKeyDerivation twelve, fourteen;
    ASSERT_TRUE(twelve.init(kMasterKey.data(), kMasterSalt.data(), 12));
    ASSERT_TRUE(fourteen.init(kMasterKey.data(), padded.data(), 14));
    for (auto label : {Label::rtp_encryption, Label::rtp_salt, Label::rtcp_encryption, Label::rtcp_salt})
        EXPECT_EQ(derive(twelve, label, 16), derive(fourteen, label, 16));
    SrtpKeyDerivation too_long;
    uint8_t salt[15] = {};
    EXPECT_FALSE(too_long.init(kMasterKey.data(), salt, sizeof salt));
}
