// TURN REST credentials, checked against `openssl dgst -sha1 -hmac ... | base64`.
#include "auth/turn_credentials.hpp"

#include <gtest/gtest.h>

namespace portunus::auth {
namespace {

TEST(TurnCredentials, UsernameCarriesExpiryAndCredentialIsItsHmac) {
    TurnCredential c = turnCredential("north-secret", "ann", 1700000000, 3600);
    EXPECT_EQ(c.username, "1700003600:ann");
    EXPECT_EQ(c.expires_at, 1700003600);
    EXPECT_EQ(c.credential, "irrzEXMB8WTHB0XmP/+W17zpk8U=");
}

} // namespace
} // namespace portunus::auth
