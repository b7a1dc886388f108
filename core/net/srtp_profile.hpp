// The SRTP protection profiles we negotiate in DTLS (RFC 5764, RFC 7714) and
// the keys a handshake exports for them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace portunus::net {

enum class SrtpProfile { aes_cm_128_hmac_sha1_80, aead_aes_128_gcm };

// Names as in the config and in OpenSSL's use_srtp list.
std::string_view configName(SrtpProfile p);
std::string_view opensslName(SrtpProfile p);
std::optional<SrtpProfile> profileFromConfig(std::string_view name);

struct SrtpKeys {
    // master key || master salt for each direction, as SrtpSession::start takes them.
    std::array<uint8_t, 32> local{};
    std::array<uint8_t, 32> remote{};
    size_t length = 0; // bytes used in each
};

} // namespace portunus::net
