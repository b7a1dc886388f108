// HS256 JWTs: base64url, HMAC against RFC vectors, signing and verifying.
#include "auth/jwt.hpp"

#include <gtest/gtest.h>

namespace portunus::auth {
namespace {

std::string hex(std::string_view bytes) {
    static const char *digits = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 15]);
    }
    return out;
}

TEST(Jwt, Base64UrlRoundTripsWithoutPadding) {
    EXPECT_EQ(base64UrlEncode("f"), "Zg");
    EXPECT_EQ(base64UrlEncode("foob"), "Zm9vYg");
    EXPECT_EQ(base64UrlEncode("\xfb\xff"), "-_8");
    EXPECT_EQ(base64UrlDecode("-_8").value(), "\xfb\xff");
    EXPECT_EQ(base64UrlDecode("Zm9vYmFy").value(), "foobar");
    EXPECT_FALSE(base64UrlDecode("Zm9v+mFy")); // the standard alphabet is not URL-safe
    EXPECT_FALSE(base64UrlDecode("Zm9vY"));    // no byte needs a lone sextet
    EXPECT_EQ(base64Encode("foob"), "Zm9vYg==");
}

TEST(Jwt, HmacMatchesRfcVectors) {
    // RFC 4231 test case 2 and RFC 2202 test case 2.
    EXPECT_EQ(hex(hmacSha256("Jefe", "what do ya want for nothing?")),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    EXPECT_EQ(hex(hmacSha1("Jefe", "what do ya want for nothing?")), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
}

TEST(Jwt, SignedTokenVerifiesWithItsSecretOnly) {
    std::string token = signJwt(R"({"sub":"ann"})", "secret-one");
    std::string payload;
    ASSERT_EQ(verifyJwt(token, "secret-one", payload), JwtStatus::ok);
    EXPECT_EQ(payload, R"({"sub":"ann"})");
    EXPECT_EQ(verifyJwt(token, "secret-two", payload), JwtStatus::bad_signature);
    std::string tampered = token;
    tampered[tampered.find('.') + 2] ^= 1; // one payload character changed
    EXPECT_NE(verifyJwt(tampered, "secret-one", payload), JwtStatus::ok);
}

TEST(Jwt, OnlyCompactHs256IsAccepted) {
    std::string payload;
    std::string none = base64UrlEncode(R"({"alg":"none"})") + "." + base64UrlEncode("{}") + ".";
    EXPECT_EQ(verifyJwt(none, "s", payload), JwtStatus::malformed);
    EXPECT_EQ(verifyJwt("a.b", "s", payload), JwtStatus::malformed);
    EXPECT_EQ(verifyJwt(signJwt("{}", "s") + ".x", "s", payload), JwtStatus::malformed);
    EXPECT_EQ(verifyJwt("", "s", payload), JwtStatus::malformed);
}

} // namespace
} // namespace portunus::auth
