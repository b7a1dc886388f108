#include "net/srtp_profile.hpp"

namespace portunus::net {

std::string_view configName(SrtpProfile p) {
    return p == SrtpProfile::aead_aes_128_gcm ? "AEAD_AES_128_GCM" : "AES_CM_128_HMAC_SHA1_80";
}

std::string_view opensslName(SrtpProfile p) {
    return p == SrtpProfile::aead_aes_128_gcm ? "SRTP_AEAD_AES_128_GCM" : "SRTP_AES128_CM_SHA1_80";
}

std::optional<SrtpProfile> profileFromConfig(std::string_view name) {
    if (name == "AES_CM_128_HMAC_SHA1_80") return SrtpProfile::aes_cm_128_hmac_sha1_80;
    if (name == "AEAD_AES_128_GCM") return SrtpProfile::aead_aes_128_gcm;
    return std::nullopt;
}

} // namespace portunus::net
