// DTLS 1.2 over ICE for one PeerConnection (RFC 5763/5764): the handshake with
// its retransmission timer on the loop, the peer's certificate checked against
// the fingerprint from its SDP, SRTP keys exported on success, and application
// data (SCTP) both ways afterwards. Loop-confined.
#pragma once

#include "net/srtp_profile.hpp"

#include <boost/asio/steady_timer.hpp>

#include <openssl/ssl.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace portunus::net {

class DtlsCertificate;

// One SSL_CTX for the server: certificate, SRTP profiles in preference order.
class DtlsContext {
public:
    static std::unique_ptr<DtlsContext> create(const DtlsCertificate &cert, const std::vector<SrtpProfile> &profiles,
                                               std::string &error);
    ~DtlsContext();
    SSL_CTX *get() const { return ctx_; }
    const DtlsCertificate &certificate() const { return cert_; }

private:
    DtlsContext(SSL_CTX *ctx, const DtlsCertificate &cert) : ctx_(ctx), cert_(cert) {}
    SSL_CTX *ctx_;
    const DtlsCertificate &cert_;
};

class DtlsTransport {
public:
    enum class Role { client, server };
    enum class State { idle, connecting, connected, failed, closed };

    class Listener {
    public:
        virtual ~Listener() = default;
        virtual void onDtlsSend(const uint8_t *data, size_t length) = 0;
        virtual void onDtlsConnected(SrtpProfile profile, const SrtpKeys &keys) = 0;
        virtual void onDtlsFailed(const std::string &reason) = 0;
        virtual void onDtlsData(const uint8_t *data, size_t length) = 0;
        virtual void onDtlsClosed() = 0;
    };

    DtlsTransport(const DtlsContext &ctx, boost::asio::io_context &io, Listener &listener);
    ~DtlsTransport();

    // remote_fingerprint: "sha-256 AB:CD:…" hash and value from the remote SDP.
    void start(Role role, std::string remote_hash, std::string remote_fingerprint);
    void onPacket(const uint8_t *data, size_t length);
    bool send(const uint8_t *data, size_t length); // application data, once connected
    void close();                                  // sends close_notify
    State state() const { return state_; }
    const char *stateName() const;
    Role role() const { return role_; }

    // The send BIO's entry points (C callbacks): each record is one datagram.
    static int bioWrite(BIO *bio, const char *data, int length);
    static long bioCtrl(BIO *bio, int cmd, long num, void *ptr);

private:
    void continueHandshake();
    void armTimer();
    void fail(const std::string &reason);
    bool checkFingerprint();

    const DtlsContext &ctx_;
    Listener &listener_;
    boost::asio::steady_timer timer_;
    SSL *ssl_ = nullptr;
    BIO *read_bio_ = nullptr;
    Role role_ = Role::server;
    State state_ = State::idle;
    std::string remote_hash_;
    std::string remote_fingerprint_;
};

} // namespace portunus::net
