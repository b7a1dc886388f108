#include "net/srtp_session.hpp"

#include <fmt/format.h>

#include <mutex>

namespace portunus::net {

namespace {
// libsrtp has one global initialisation; do it once, under a lock.
bool initLibrary(std::string &error) {
    static std::once_flag once;
    static srtp_err_status_t status = srtp_err_status_ok;
    std::call_once(once, [] { status = srtp_init(); });
    if (status != srtp_err_status_ok) error = fmt::format("libsrtp init failed ({})", static_cast<int>(status));
    return status == srtp_err_status_ok;
}

template <typename F>
bool apply(srtp_t s, uint8_t *packet, size_t &length, F f) {
    if (!s) return false;
    int len = static_cast<int>(length);
    if (f(s, packet, &len) != srtp_err_status_ok) return false;
    length = static_cast<size_t>(len);
    return true;
}
} // namespace

SrtpSession::~SrtpSession() {
    if (session_) srtp_dealloc(session_);
}

bool SrtpSession::start(SrtpProfile profile, Direction direction, const uint8_t *key_and_salt, std::string &error) {
    if (!initLibrary(error)) return false;
    srtp_policy_t policy{};
    if (profile == SrtpProfile::aead_aes_128_gcm) {
        srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp);
        srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtcp);
    } else {
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtp);
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtcp);
    }
    policy.ssrc.type = direction == Direction::inbound ? ssrc_any_inbound : ssrc_any_outbound;
    policy.key = const_cast<uint8_t *>(key_and_salt);
    policy.window_size = 1024;
    // Retransmissions answering NACKs repeat a sequence number on purpose.
    policy.allow_repeat_tx = 1;
    srtp_err_status_t rc = srtp_create(&session_, &policy);
    if (rc != srtp_err_status_ok) {
        error = fmt::format("srtp_create failed ({})", static_cast<int>(rc));
        session_ = nullptr;
        return false;
    }
    return true;
}

bool SrtpSession::protectRtp(uint8_t *p, size_t &n) {
    return apply(session_, p, n, [](srtp_t s, uint8_t *b, int *l) { return srtp_protect(s, b, l); });
}
bool SrtpSession::protectRtcp(uint8_t *p, size_t &n) {
    return apply(session_, p, n, [](srtp_t s, uint8_t *b, int *l) { return srtp_protect_rtcp(s, b, l); });
}
bool SrtpSession::unprotectRtp(uint8_t *p, size_t &n) {
    return apply(session_, p, n, [](srtp_t s, uint8_t *b, int *l) { return srtp_unprotect(s, b, l); });
}
bool SrtpSession::unprotectRtcp(uint8_t *p, size_t &n) {
    return apply(session_, p, n, [](srtp_t s, uint8_t *b, int *l) { return srtp_unprotect_rtcp(s, b, l); });
}

} // namespace portunus::net
