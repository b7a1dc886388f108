#include "support/client_transport.hpp"

#include "loop/loop.hpp"
#include "rtp/demux.hpp"

#include <cstring>
#include <stdexcept>

namespace portunus::test {

ClientTransport::ClientTransport(Loop &loop, Listener &listener, const Options &options)
    : loop_(loop), listener_(&listener), loss_out_(options.loss_out.value_or(options.loss), options.seed),
      loss_in_(options.loss_in.value_or(options.loss), options.seed + 1) {
    std::string error;
    std::vector<net::SrtpProfile> profiles = {net::SrtpProfile::aead_aes_128_gcm,
                                              net::SrtpProfile::aes_cm_128_hmac_sha1_80};
    if (!options.srtp_profile.empty()) {
        auto only = net::profileFromConfig(options.srtp_profile);
        if (!only) throw std::runtime_error("unknown SRTP profile " + options.srtp_profile);
        profiles = {*only};
    }
    certificate_ = net::DtlsCertificate::generate(error);
    if (certificate_) dtls_context_ = net::DtlsContext::create(*certificate_, profiles, error);
    if (!dtls_context_) throw std::runtime_error("client DTLS: " + error);
    net::IceConfig ice;
    ice.local_addresses = options.local_addresses;
    net::IceAgent::Listener &self = *this;
    ice_ = std::make_unique<net::IceAgent>(loop.glibContext(), ice, self, options.controlling);
}

ClientTransport::~ClientTransport() {
    if (dtls_) dtls_->close();
    dtls_.reset();
    ice_.reset();
}

bool ClientTransport::start(const Remote &remote, std::string &error) {
    remote_ = remote;
    if (!ice_->start(remote.ufrag, remote.pwd, error)) return false;
    started_ = true;
    for (const auto &c : remote.candidates) ice_->addRemoteCandidate(c);
    for (const auto &c : std::exchange(early_candidates_, {})) addRemoteCandidate(c);
    if (remote.end_of_candidates) ice_->remoteGatheringDone();
    return true;
}

void ClientTransport::addRemoteCandidate(const std::string &candidate) {
    if (!started_) early_candidates_.push_back(candidate);
    else if (candidate.empty()) ice_->remoteGatheringDone();
    else ice_->addRemoteCandidate(candidate);
}

bool ClientTransport::sendDatagram(const uint8_t *data, size_t length) {
    if (loss_out_.drop()) return true; // lost on the way
    return ice_->send(data, length);
}

bool ClientTransport::sendRtp(uint8_t *data, size_t length) {
    if (!up_) return false;
    if (!srtp_out_.protectRtp(data, length)) return false;
    return sendDatagram(data, length);
}

bool ClientTransport::sendRtcp(uint8_t *data, size_t length) {
    if (!up_) return false;
    if (!srtp_out_.protectRtcp(data, length)) return false;
    return sendDatagram(data, length);
}

ClientTransport::Counters ClientTransport::counters() const {
    return {loss_out_.passed(), loss_out_.dropped(), loss_in_.passed(), loss_in_.dropped(), srtp_errors_};
}

std::string ClientTransport::describe() const {
    return std::string("ICE ") + net::IceAgent::stateName(ice_->state()) + " (" + ice_->selectedLocal() + " -> " +
           ice_->selectedRemote() + "), DTLS " + (dtls_ ? dtls_->stateName() : "not started");
}

void ClientTransport::onIceCandidate(const std::string &candidate) { listener_->onTransportCandidate(candidate); }

void ClientTransport::onIceGatheringDone() { listener_->onTransportCandidate(""); }

void ClientTransport::onIceStateChanged(net::IceAgent::State state) {
    using State = net::IceAgent::State;
    if ((state == State::connected || state == State::ready) && !dtls_started_) {
        // As the DTLS client (the remote side is passive) we open DTLS once
        // there is a pair to send on; as the server we wait for its hello then.
        dtls_started_ = true;
        net::DtlsTransport::Listener &self = *this;
        dtls_ = std::make_unique<net::DtlsTransport>(*dtls_context_, loop_.context(), self);
        dtls_->start(remote_.dtls_client ? net::DtlsTransport::Role::client : net::DtlsTransport::Role::server,
                     remote_.fingerprint_hash, remote_.fingerprint);
    }
    if (state == State::failed && !failed_) {
        failed_ = true;
        listener_->onTransportFailed("ICE failed");
    }
}

void ClientTransport::onIcePacket(const uint8_t *data, size_t length) {
    if (loss_in_.drop()) return;
    if (rtp::isDtls(data, length)) {
        if (dtls_) dtls_->onPacket(data, length);
        return;
    }
    if (!up_ || !rtp::isRtpOrRtcp(data, length) || length > 1500) return;
    std::memcpy(rx_.data(), data, length); // SRTP works in place; libnice's buffer is not ours
    if (rtp::isRtcp(rx_.data(), length)) {
        if (!srtp_in_.unprotectRtcp(rx_.data(), length)) {
            ++srtp_errors_;
            return;
        }
        listener_->onTransportRtcp(rx_.data(), length);
    } else {
        if (!srtp_in_.unprotectRtp(rx_.data(), length)) {
            ++srtp_errors_;
            return;
        }
        listener_->onTransportRtp(rx_.data(), length);
    }
}

void ClientTransport::onDtlsSend(const uint8_t *data, size_t length) { sendDatagram(data, length); }

void ClientTransport::onDtlsConnected(net::SrtpProfile profile, const net::SrtpKeys &keys) {
    std::string error;
    if (!srtp_in_.start(profile, net::SrtpSession::Direction::inbound, keys.remote.data(), error) ||
        !srtp_out_.start(profile, net::SrtpSession::Direction::outbound, keys.local.data(), error)) {
        failed_ = true;
        listener_->onTransportFailed("SRTP: " + error);
        return;
    }
    up_ = true;
    listener_->onTransportUp();
}

void ClientTransport::onDtlsFailed(const std::string &reason) {
    if (failed_) return;
    failed_ = true;
    listener_->onTransportFailed("DTLS: " + reason);
}

void ClientTransport::onDtlsClosed() {
    up_ = false;
    if (failed_) return;
    failed_ = true;
    listener_->onTransportFailed("DTLS closed by the server");
}

} // namespace portunus::test
