// The network half of a test WebRTC client, built from the core's parts on
// one Loop: a controlling IceAgent, a DtlsTransport in the client role with
// its own certificate, and SRTP both ways keyed from the DTLS export. A lossy
// path sits at the ICE edge: it drops a fraction of the datagrams we send and
// of those we receive (STUN stays inside libnice and is not dropped).
//
// Loop-confined like the core's PeerConnection: create, call and destroy it
// on the loop's thread; the listener hears from it there.
#pragma once

#include "net/dtls_certificate.hpp"
#include "net/dtls_transport.hpp"
#include "net/ice_agent.hpp"
#include "net/srtp_session.hpp"
#include "support/lossy_link.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace portunus {
class Loop;
}

namespace portunus::test {

class ClientTransport : private net::IceAgent::Listener, private net::DtlsTransport::Listener {
public:
    // Room for a datagram: the largest packet we handle plus the SRTP trailer.
    static constexpr size_t kBufferSize = 1500 + net::SrtpSession::kMaxTrailer;

    class Listener {
    public:
        virtual ~Listener() = default;
        virtual void onTransportCandidate(const std::string &candidate) = 0; // "" = gathering done
        virtual void onTransportUp() = 0;                                    // DTLS-SRTP ready
        virtual void onTransportFailed(const std::string &reason) = 0;
        // Unprotected packets in a buffer of kBufferSize bytes, valid during the call.
        virtual void onTransportRtp(uint8_t *data, size_t length) = 0;
        virtual void onTransportRtcp(uint8_t *data, size_t length) = 0;
    };

    struct Options {
        std::vector<std::string> local_addresses = {"127.0.0.1"};
        double loss = 0;   // fraction of datagrams dropped each way
        uint64_t seed = 1; // of the loss PRNG (the receive side uses seed + 1)
        std::optional<double> loss_out, loss_in; // per direction, instead of `loss`
        bool controlling = true; // the ICE role: controlling when we made the offer
        // The one SRTP profile to offer in DTLS (its config name, e.g.
        // "AES_CM_128_HMAC_SHA1_80"); "" = both, AEAD_AES_128_GCM preferred.
        std::string srtp_profile;
    };

    // Throws std::runtime_error when the certificate or DTLS context cannot be made.
    ClientTransport(Loop &loop, Listener &listener, const Options &options);
    ~ClientTransport() override;
    ClientTransport(const ClientTransport &) = delete;
    ClientTransport &operator=(const ClientTransport &) = delete;

    const std::string &iceUfrag() const { return ice_->localUfrag(); }
    const std::string &icePassword() const { return ice_->localPassword(); }
    const std::string &fingerprint() const { return certificate_->fingerprint(); }

    struct Remote {
        std::string ufrag, pwd, fingerprint_hash, fingerprint;
        std::vector<std::string> candidates;
        bool end_of_candidates = false;
        bool dtls_client = true; // our DTLS role: client unless the remote side said a=setup:active
    };
    // Starts ICE with the server's parameters; DTLS follows once ICE connects.
    bool start(const Remote &remote, std::string &error);
    // A trickled candidate, or "" for end-of-candidates; kept until start().
    void addRemoteCandidate(const std::string &candidate);

    // Protects in place (the buffer has net::SrtpSession::kMaxTrailer spare
    // bytes after `length`) and sends; false when not up, protection failed
    // or ICE could not send. A datagram the lossy path drops counts as sent.
    bool sendRtp(uint8_t *data, size_t length);
    bool sendRtcp(uint8_t *data, size_t length);

    // From now on the listener hears nothing more (a transport kept open after
    // it was replaced; see WebRtcClient's renegotiation).


    bool up() const { return up_; }
    struct Counters {
        uint64_t datagrams_out = 0, dropped_out = 0; // dropped_out are included in datagrams_out
        uint64_t datagrams_in = 0, dropped_in = 0;
        uint64_t srtp_errors = 0;
    };
    Counters counters() const;
    std::string describe() const; // states and the selected pair, for failure messages

private:
    bool sendDatagram(const uint8_t *data, size_t length);
    // IceAgent::Listener
    void onIceCandidate(const std::string &candidate) override;
    void onIceGatheringDone() override;
    void onIceStateChanged(net::IceAgent::State state) override;
    void onIcePacket(const uint8_t *data, size_t length) override;
    // DtlsTransport::Listener
    void onDtlsSend(const uint8_t *data, size_t length) override;
    void onDtlsConnected(net::SrtpProfile profile, const net::SrtpKeys &keys) override;
    void onDtlsFailed(const std::string &reason) override;
    void onDtlsData(const uint8_t *, size_t) override {}
    void onDtlsClosed() override;

    Loop &loop_;
    Listener *listener_;
    LossyLink loss_out_, loss_in_;
    std::unique_ptr<net::DtlsCertificate> certificate_;
    std::unique_ptr<net::DtlsContext> dtls_context_;
    std::unique_ptr<net::IceAgent> ice_;
    std::unique_ptr<net::DtlsTransport> dtls_;
    net::SrtpSession srtp_in_, srtp_out_;
    Remote remote_;
    bool started_ = false;
    bool dtls_started_ = false;
    bool up_ = false;
    bool failed_ = false;
    std::vector<std::string> early_candidates_;
    uint64_t srtp_errors_ = 0;
    alignas(8) std::array<uint8_t, kBufferSize> rx_{};
};

} // namespace portunus::test
