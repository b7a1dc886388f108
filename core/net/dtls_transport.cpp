#include "net/dtls_transport.hpp"

#include "net/dtls_certificate.hpp"
#include "observe/log.hpp"

#include <openssl/err.h>
#include <openssl/srtp.h>

#include <algorithm>
#include <cctype>
#include <mutex>

namespace portunus::net {

namespace {

constexpr int kMtu = 1200; // fits any path WebRTC uses, TURN included
constexpr size_t kKeyLength = 16;

int acceptAnyCertificate(int, X509_STORE_CTX *) {
    return 1; // self-signed by design; the SDP fingerprint is what we check
}

// Each DTLS record the library writes goes out as its own datagram.
BIO_METHOD *sendBioMethod() {
    static BIO_METHOD *method = [] {
        BIO_METHOD *m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "portunus-dtls-send");
        BIO_meth_set_write(m, &DtlsTransport::bioWrite);
        BIO_meth_set_ctrl(m, &DtlsTransport::bioCtrl);
        BIO_meth_set_create(m, [](BIO *b) {
            BIO_set_init(b, 1);
            return 1;
        });
        return m;
    }();
    return method;
}

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
    return s;
}

std::string lastError() {
    char buf[256];
    unsigned long e = ERR_get_error();
    ERR_error_string_n(e, buf, sizeof buf);
    ERR_clear_error();
    return e ? buf : "";
}

} // namespace

std::unique_ptr<DtlsContext> DtlsContext::create(const DtlsCertificate &cert, const std::vector<SrtpProfile> &profiles,
                                                 std::string &error) {
    SSL_CTX *ctx = SSL_CTX_new(DTLS_method());
    if (!ctx) {
        error = "cannot create the DTLS context";
        return nullptr;
    }
    SSL_CTX_set_min_proto_version(ctx, DTLS1_2_VERSION);
    SSL_CTX_use_certificate(ctx, cert.certificate());
    SSL_CTX_use_PrivateKey(ctx, cert.key());
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, acceptAnyCertificate);
    SSL_CTX_set_read_ahead(ctx, 1);
    std::string list;
    for (auto p : profiles) list += (list.empty() ? "" : ":") + std::string(opensslName(p));
    if (SSL_CTX_set_tlsext_use_srtp(ctx, list.c_str()) != 0) { // 0 is success here
        error = "OpenSSL refused the SRTP profiles " + list;
        SSL_CTX_free(ctx);
        return nullptr;
    }
    return std::unique_ptr<DtlsContext>(new DtlsContext(ctx, cert));
}

DtlsContext::~DtlsContext() { SSL_CTX_free(ctx_); }

DtlsTransport::DtlsTransport(const DtlsContext &ctx, boost::asio::io_context &io, Listener &listener)
    : ctx_(ctx), listener_(listener), timer_(io) {}

DtlsTransport::~DtlsTransport() {
    timer_.cancel();
    if (ssl_) SSL_free(ssl_); // frees both BIOs
}

const char *DtlsTransport::stateName() const {
    switch (state_) {
    case State::idle: return "idle";
    case State::connecting: return "connecting";
    case State::connected: return "connected";
    case State::failed: return "failed";
    case State::closed: return "closed";
    }
    return "?";
}

void DtlsTransport::start(Role role, std::string remote_hash, std::string remote_fingerprint) {
    if (state_ != State::idle) return;
    role_ = role;
    remote_hash_ = std::move(remote_hash);
    remote_fingerprint_ = upper(std::move(remote_fingerprint));
    ssl_ = SSL_new(ctx_.get());
    read_bio_ = BIO_new(BIO_s_mem());
    BIO_set_mem_eof_return(read_bio_, -1);
    BIO *write_bio = BIO_new(sendBioMethod());
    BIO_set_data(write_bio, this);
    SSL_set_bio(ssl_, read_bio_, write_bio);
    SSL_set_options(ssl_, SSL_OP_NO_QUERY_MTU);
    SSL_set_mtu(ssl_, kMtu);
    DTLS_set_link_mtu(ssl_, kMtu);
    state_ = State::connecting;
    if (role == Role::client) SSL_set_connect_state(ssl_);
    else SSL_set_accept_state(ssl_);
    if (remote_hash_ != "sha-256") {
        fail("unsupported fingerprint hash '" + remote_hash_ + "' (sha-256 is required)");
        return;
    }
    if (role == Role::client) continueHandshake();
}

int DtlsTransport::bioWrite(BIO *bio, const char *data, int length) {
    auto *self = static_cast<DtlsTransport *>(BIO_get_data(bio));
    self->listener_.onDtlsSend(reinterpret_cast<const uint8_t *>(data), static_cast<size_t>(length));
    return length;
}

long DtlsTransport::bioCtrl(BIO *, int cmd, long, void *) {
    switch (cmd) {
    case BIO_CTRL_FLUSH: return 1;
    case BIO_CTRL_DGRAM_QUERY_MTU: return kMtu;
    case BIO_CTRL_WPENDING:
    case BIO_CTRL_PENDING: return 0;
    default: return 0;
    }
}

void DtlsTransport::onPacket(const uint8_t *data, size_t length) {
    if (state_ != State::connecting && state_ != State::connected) return;
    BIO_write(read_bio_, data, static_cast<int>(length));
    if (state_ == State::connecting) {
        continueHandshake();
        if (state_ != State::connected) return;
    }
    uint8_t buf[4096];
    for (;;) {
        int n = SSL_read(ssl_, buf, sizeof buf);
        if (n > 0) {
            listener_.onDtlsData(buf, static_cast<size_t>(n));
            continue;
        }
        int err = SSL_get_error(ssl_, n);
        if (err == SSL_ERROR_ZERO_RETURN) {
            state_ = State::closed;
            timer_.cancel();
            listener_.onDtlsClosed();
        } else if (err != SSL_ERROR_WANT_READ) {
            fail("DTLS read error: " + lastError());
        }
        return;
    }
}

void DtlsTransport::continueHandshake() {
    int rc = SSL_do_handshake(ssl_);
    if (rc == 1) {
        timer_.cancel();
        if (!checkFingerprint()) return;
        SRTP_PROTECTION_PROFILE *p = SSL_get_selected_srtp_profile(ssl_);
        if (!p) {
            fail("the peer negotiated no SRTP profile");
            return;
        }
        SrtpProfile profile = p->id == SRTP_AEAD_AES_128_GCM ? SrtpProfile::aead_aes_128_gcm
                                                             : SrtpProfile::aes_cm_128_hmac_sha1_80;
        size_t salt = profile == SrtpProfile::aead_aes_128_gcm ? 12 : 14;
        uint8_t material[2 * (kKeyLength + 14)];
        size_t total = 2 * (kKeyLength + salt);
        static const char kLabel[] = "EXTRACTOR-dtls_srtp";
        if (SSL_export_keying_material(ssl_, material, total, kLabel, sizeof kLabel - 1, nullptr, 0, 0) != 1) {
            fail("cannot export SRTP keys");
            return;
        }
        // RFC 5764 §4.2: client key, server key, client salt, server salt.
        const uint8_t *client_key = material, *server_key = material + kKeyLength;
        const uint8_t *client_salt = material + 2 * kKeyLength, *server_salt = client_salt + salt;
        SrtpKeys keys;
        keys.length = kKeyLength + salt;
        bool server = role_ == Role::server;
        std::copy_n(server ? server_key : client_key, kKeyLength, keys.local.begin());
        std::copy_n(server ? server_salt : client_salt, salt, keys.local.begin() + kKeyLength);
        std::copy_n(server ? client_key : server_key, kKeyLength, keys.remote.begin());
        std::copy_n(server ? client_salt : server_salt, salt, keys.remote.begin() + kKeyLength);
        state_ = State::connected;
        listener_.onDtlsConnected(profile, keys);
        return;
    }
    int err = SSL_get_error(ssl_, rc);
    if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
        armTimer();
        return;
    }
    fail("DTLS handshake failed: " + lastError());
}

bool DtlsTransport::checkFingerprint() {
    X509 *peer = SSL_get1_peer_certificate(ssl_);
    if (!peer) {
        fail("the peer sent no certificate");
        return false;
    }
    std::string actual = DtlsCertificate::fingerprintOf(peer);
    X509_free(peer);
    if (actual != remote_fingerprint_) {
        fail("the peer's certificate does not match the fingerprint in its SDP");
        return false;
    }
    return true;
}

void DtlsTransport::armTimer() {
    timeval tv{};
    if (!DTLSv1_get_timeout(ssl_, &tv)) return;
    timer_.expires_after(std::chrono::seconds(tv.tv_sec) + std::chrono::microseconds(tv.tv_usec));
    timer_.async_wait([this](const boost::system::error_code &ec) {
        if (ec || state_ != State::connecting) return;
        if (DTLSv1_handle_timeout(ssl_) < 0) {
            fail("DTLS handshake timed out");
            return;
        }
        armTimer();
    });
}

bool DtlsTransport::send(const uint8_t *data, size_t length) {
    if (state_ != State::connected) return false;
    return SSL_write(ssl_, data, static_cast<int>(length)) > 0;
}

void DtlsTransport::close() {
    if (state_ == State::connected) SSL_shutdown(ssl_);
    if (state_ == State::connecting || state_ == State::connected) state_ = State::closed;
    timer_.cancel();
}

void DtlsTransport::fail(const std::string &reason) {
    if (state_ == State::failed) return;
    state_ = State::failed;
    timer_.cancel();
    listener_.onDtlsFailed(reason);
}

} // namespace portunus::net
