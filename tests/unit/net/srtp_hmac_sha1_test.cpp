// HMAC-SHA1 from precomputed inner and outer states, against RFC 2202 and
// OpenSSL's own HMAC.
#include "net/srtp_hmac_sha1.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <gtest/gtest.h>

#include <random>
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
std::vector<uint8_t> mac(const SrtpHmacSha1 &h, const std::string &a, const std::string &b = "") {
    std::vector<uint8_t> out(SrtpHmacSha1::kDigestSize);
    h.compute(reinterpret_cast<const uint8_t *>(a.data()), a.size(), reinterpret_cast<const uint8_t *>(b.data()),
              b.size(), out.data());
    return out;
}
} // namespace

TEST(SrtpHmacSha1, Rfc2202TestCases) {
    SrtpHmacSha1 one;
    std::vector<uint8_t> key(20, 0x0b);
    ASSERT_TRUE(one.init(key.data(), key.size()));
    EXPECT_EQ(mac(one, "Hi There"), fromHex("b617318655057264e28bc0b6fb378c8ef146be00"));
    // The message may come in two parts (SRTP: packet, then ROC).
    EXPECT_EQ(mac(one, "Hi ", "There"), fromHex("b617318655057264e28bc0b6fb378c8ef146be00"));

    SrtpHmacSha1 two;
    ASSERT_TRUE(two.init(reinterpret_cast<const uint8_t *>("Jefe"), 4));
    EXPECT_EQ(mac(two, "what do ya want for nothing?"), fromHex("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"));

    SrtpHmacSha1 too_long;
    std::vector<uint8_t> long_key(65, 1);
    EXPECT_FALSE(too_long.init(long_key.data(), long_key.size()));
}

TEST(SrtpHmacSha1, MatchesOpenSslHmacForManyLengths) {
    std::mt19937 rng(7);
    std::vector<uint8_t> key(20);
    for (auto &b : key) b = static_cast<uint8_t>(rng());
    SrtpHmacSha1 h;
    ASSERT_TRUE(h.init(key.data(), key.size()));
    for (size_t n = 0; n < 300; n += 7) {
        std::vector<uint8_t> data(n + 4);
        for (auto &b : data) b = static_cast<uint8_t>(rng());
        uint8_t ours[20], theirs[EVP_MAX_MD_SIZE];
        unsigned int theirs_size = 0;
        h.compute(data.data(), n, data.data() + n, 4, ours);
        ASSERT_NE(HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), data.data(), data.size(), theirs,
                       &theirs_size),
                  nullptr);
        ASSERT_EQ(theirs_size, 20u);
        EXPECT_EQ(std::vector<uint8_t>(ours, ours + 20), std::vector<uint8_t>(theirs, theirs + 20)) << n;
    }
}
