// Two real DTLS endpoints wired back to back in memory: handshake, fingerprint
// check, SRTP key export, application data, and SRTP with the exported keys.
#include "net/dtls_certificate.hpp"
#include "net/dtls_transport.hpp"
#include "net/srtp_session.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <gtest/gtest.h>

#include <cstring>

using namespace portunus::net;

namespace {

struct Endpoint : DtlsTransport::Listener {
    boost::asio::io_context &io;
    Endpoint *peer = nullptr;
    std::unique_ptr<DtlsTransport> dtls;
    bool connected = false;
    std::string failure;
    SrtpProfile profile{};
    SrtpKeys keys;
    std::string received;

    Endpoint(const DtlsContext &ctx, boost::asio::io_context &i) : io(i), dtls(std::make_unique<DtlsTransport>(ctx, i, *this)) {}
    void onDtlsSend(const uint8_t *data, size_t length) override {
        // Deliver asynchronously, like a network would.
        auto bytes = std::make_shared<std::string>(reinterpret_cast<const char *>(data), length);
        boost::asio::post(io, [p = peer, bytes] {
            p->dtls->onPacket(reinterpret_cast<const uint8_t *>(bytes->data()), bytes->size());
        });
    }
    void onDtlsConnected(SrtpProfile p, const SrtpKeys &k) override {
        connected = true;
        profile = p;
        keys = k;
    }
    void onDtlsFailed(const std::string &reason) override { failure = reason; }
    void onDtlsData(const uint8_t *data, size_t length) override { received.append(reinterpret_cast<const char *>(data), length); }
    void onDtlsClosed() override {}
};

struct Pair {
    boost::asio::io_context io;
    std::unique_ptr<DtlsCertificate> client_cert, server_cert;
    std::unique_ptr<DtlsContext> client_ctx, server_ctx;
    std::unique_ptr<Endpoint> client, server;

    explicit Pair(std::vector<SrtpProfile> profiles) {
        std::string error;
        client_cert = DtlsCertificate::generate(error);
        server_cert = DtlsCertificate::generate(error);
        client_ctx = DtlsContext::create(*client_cert, profiles, error);
        server_ctx = DtlsContext::create(*server_cert, profiles, error);
        client = std::make_unique<Endpoint>(*client_ctx, io);
        server = std::make_unique<Endpoint>(*server_ctx, io);
        client->peer = server.get();
        server->peer = client.get();
    }
    void handshake(const std::string &server_fp_for_client, const std::string &client_fp_for_server) {
        server->dtls->start(DtlsTransport::Role::server, "sha-256", client_fp_for_server);
        client->dtls->start(DtlsTransport::Role::client, "sha-256", server_fp_for_client);
        io.run();
        io.restart();
    }
};

} // namespace

TEST(DtlsSrtp, HandshakeExportsMatchingKeysAndCarriesData) {
    for (auto profile : {SrtpProfile::aes_cm_128_hmac_sha1_80, SrtpProfile::aead_aes_128_gcm}) {
        Pair p({profile});
        p.handshake(p.server_cert->fingerprint(), p.client_cert->fingerprint());
        ASSERT_TRUE(p.client->connected) << p.client->failure;
        ASSERT_TRUE(p.server->connected) << p.server->failure;
        EXPECT_EQ(p.client->profile, profile);
        EXPECT_EQ(p.client->keys.local, p.server->keys.remote);
        EXPECT_EQ(p.client->keys.remote, p.server->keys.local);
        EXPECT_NE(p.client->keys.local, p.client->keys.remote);

        const std::string hello = "sctp would ride here";
        ASSERT_TRUE(p.client->dtls->send(reinterpret_cast<const uint8_t *>(hello.data()), hello.size()));
        p.io.run();
        EXPECT_EQ(p.server->received, hello);

        // SRTP with the exported keys: the client protects, the server unprotects.
        std::string error;
        SrtpSession out, in;
        ASSERT_TRUE(out.start(profile, SrtpSession::Direction::outbound, p.client->keys.local.data(), error)) << error;
        ASSERT_TRUE(in.start(profile, SrtpSession::Direction::inbound, p.server->keys.remote.data(), error)) << error;
        uint8_t packet[12 + 100 + SrtpSession::kMaxTrailer] = {0x80, 96, 0, 1, 0, 0, 0, 1, 0x11, 0x22, 0x33, 0x44};
        std::memset(packet + 12, 0xAB, 100);
        size_t length = 112;
        ASSERT_TRUE(out.protectRtp(packet, length));
        EXPECT_GT(length, 112u);
        ASSERT_TRUE(in.unprotectRtp(packet, length));
        EXPECT_EQ(length, 112u);
        EXPECT_EQ(packet[12], 0xAB);
        // Replay protection: the same protected packet twice is refused.
        uint8_t again[sizeof packet] = {0x80, 96, 0, 2, 0, 0, 0, 1, 0x11, 0x22, 0x33, 0x44};
        size_t n = 112;
        ASSERT_TRUE(out.protectRtp(again, n));
        uint8_t copy[sizeof packet];
        std::memcpy(copy, again, n);
        size_t n1 = n, n2 = n;
        EXPECT_TRUE(in.unprotectRtp(again, n1));
        EXPECT_FALSE(in.unprotectRtp(copy, n2));
    }
}

TEST(DtlsSrtp, WrongFingerprintFailsWithAClearReason) {
    Pair p({SrtpProfile::aes_cm_128_hmac_sha1_80});
    std::string wrong = p.client_cert->fingerprint();
    wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
    p.handshake(p.server_cert->fingerprint(), wrong);
    EXPECT_FALSE(p.server->connected);
    EXPECT_NE(p.server->failure.find("does not match the fingerprint"), std::string::npos) << p.server->failure;
}

TEST(DtlsSrtp, CertificateFingerprintIsSha256Hex) {
    std::string error;
    auto cert = DtlsCertificate::generate(error);
    ASSERT_TRUE(cert) << error;
    EXPECT_EQ(cert->fingerprint().size(), 32u * 3 - 1);
    EXPECT_EQ(cert->fingerprint()[2], ':');
}
