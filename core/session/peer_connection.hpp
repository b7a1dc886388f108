// One handle's WebRTC PeerConnection: ICE (libnice), DTLS-SRTP, BUNDLE and
// rtcp-mux on one transport, the m-line map, and the media path: packets in
// are demuxed, unprotected and handed up; packets out are rewritten, protected
// and sent. It lives on one loop; control-plane calls from other threads are
// posted there. The media path allocates nothing and takes no lock.
#pragma once

#include "loop/handler_memory.hpp"
#include "net/dtls_transport.hpp"

#include <boost/asio/steady_timer.hpp>

#include "net/ice_agent.hpp"
#include "net/sctp_association.hpp"
#include "net/srtp_session.hpp"
#include "observe/log.hpp"
#include "sdp/session_description.hpp"
#include "sdp/transport.hpp"
#include "session/media_context.hpp"
#include "observe/metrics.hpp"
#include "session/media_map.hpp"
#include "session/rtp_session.hpp"

#include <portunus/plugin.h>

#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace portunus {

class Loop;

class PeerConnection : public net::IceAgent::Listener,
                       public net::DtlsTransport::Listener,
                       public net::SctpAssociation::Listener,
                       public RtpSessionListener,
                       public std::enable_shared_from_this<PeerConnection> {
public:
    class Listener {
    public:
        virtual ~Listener() = default;
        virtual void onPcCandidate(const std::string &mid, uint16_t mindex, const std::string &candidate) = 0;
        virtual void onPcGatheringDone() = 0;
        virtual void onPcUp() = 0;                                  // DTLS done: media can flow
        virtual void onPcDown(const std::string &reason) = 0;        // failed or closed
        virtual void onPcMedia(const MediaLine &line, bool receiving) = 0;
        virtual void onPcRtp(const portunus_rtp &packet) = 0;
        virtual void onPcRtcp(const portunus_rtcp &packet) = 0;
        virtual void onPcData(const portunus_data &message) = 0;
        // Heavy loss on a line: uplink = what the peer sends us.
        virtual void onPcSlowLink(const MediaLine &line, bool uplink, uint64_t lost) = 0;
    };

    // The listener is kept alive until the PeerConnection is torn down.
    PeerConnection(Loop &loop, const MediaContext &media, std::shared_ptr<Listener> listener, log::Ids ids);
    ~PeerConnection() override;

    // Control plane (any thread). The offer has been parsed; throws ApiError
    // 465 when it cannot be used (no ICE credentials, no fingerprint, ...).
    void applyRemoteOffer(const sdp::SessionDescription &offer);
    // Completes the plugin's answer with our ICE/DTLS attributes, candidates and
    // SSRCs; returns the SDP to send to the client.
    std::string completeAnswer(sdp::SessionDescription answer);
    // The other way round (an SFU subscriber): completes the plugin's offer
    // (setup actpass; SSRCs kept across renegotiations by mid) and returns the
    // SDP to send; the client's answer then goes to applyRemoteAnswer(). When
    // our offer starts the PeerConnection we are the ICE controlling agent.
    std::string completeOffer(sdp::SessionDescription offer);
    // Throws ApiError 469 when no offer of ours is waiting for an answer.
    void applyRemoteAnswer(const sdp::SessionDescription &answer);
    // A trickled candidate ("candidate:…"), or "" for end-of-candidates.
    void addRemoteCandidate(std::string candidate);
    // Tears down (now when called on its loop, else soon); the listener hears
    // onPcDown(reason) once.
    void close(std::string reason);

    // Media path (the PeerConnection's loop only).
    portunus_status sendRtp(const portunus_rtp &packet);
    portunus_status sendRtcp(const portunus_rtcp &packet);
    portunus_status sendPli(uint16_t mindex);
    // A data channel message, on the channel with the message's label (or the first one).
    portunus_status sendData(const portunus_data &message);
    bool isLoopThread() const;

    // A JSON snapshot for admin handle_info (any thread).
    std::string describe() const;
    // Media counts over every line, from the same snapshot (any thread).
    MediaCounts counts() const;

    // IceAgent::Listener
    void onIceCandidate(const std::string &candidate) override;
    void onIceGatheringDone() override;
    void onIceStateChanged(net::IceAgent::State state) override;
    void onIcePacket(const uint8_t *data, size_t length) override;
    // DtlsTransport::Listener
    void onDtlsSend(const uint8_t *data, size_t length) override;
    void onDtlsConnected(net::SrtpProfile profile, const net::SrtpKeys &keys) override;
    void onDtlsFailed(const std::string &reason) override;
    void onDtlsData(const uint8_t *data, size_t length) override;
    void onDtlsClosed() override;
    // SctpAssociation::Listener
    void onSctpSend(const uint8_t *data, size_t length) override;
    void onSctpConnected() override;
    void onSctpChannelOpened(uint16_t stream, const std::string &label, const std::string &protocol) override;
    void onSctpMessage(uint16_t stream, const std::string &label, bool binary, const uint8_t *data,
                       size_t length) override;
    void onSctpChannelClosed(uint16_t stream) override;
    void onSctpClosed(const std::string &reason) override;
    // RtpSessionListener: retransmissions and RTCP we generate.
    void onRtpSessionSendRtp(uint8_t *data, size_t length) override;
    void onRtpSessionSendRtcp(uint8_t *data, size_t length) override;

private:
    struct RemoteTransport {
        std::string ufrag, password, hash, fingerprint;
        sdp::Setup setup = sdp::Setup::ActPass;
        std::vector<std::string> candidates;
        bool end_of_candidates = false;
    };
    struct LineWatch {
        uint64_t packets_in = 0; // at the last check
        uint64_t nacks = 0;
        bool receiving = false;
    };

    static RemoteTransport remoteTransport(const sdp::SessionDescription &description);
    sdp::TransportParams localTransport(sdp::Setup setup); // under mutex_
    // Puts the negotiated map in place on the loop; `local` gives the header extension ids.
    void adopt(std::shared_ptr<MediaMap> map, const sdp::SessionDescription &local); // under mutex_
    void start(RemoteTransport remote);        // on the loop
    void restartIce(RemoteTransport remote);   // on the loop
    void teardown(const std::string &reason);  // on the loop
    void updateState();                        // on the loop: refresh the admin view
    void watchMedia();                         // on the loop: "media"/"slowlink" events, stats snapshot
    void tickRtp();                            // on the loop: RTCP, NACKs, feedback every 20 ms
    bool hasDataLine() const;
    static int64_t nowUs(); // the media clock: steady, in microseconds
    void onRtp(uint8_t *data, size_t length);
    void onRtcp(uint8_t *data, size_t length);
    void post(std::function<void(PeerConnection &)> f);

    Loop &loop_;
    const MediaContext &media_;
    std::shared_ptr<Listener> listener_; // cleared by teardown, on the loop
    log::Ids ids_;

    // Control-plane state, guarded by mutex_.
    mutable std::mutex mutex_;
    sdp::SessionDescription remote_;
    bool has_remote_ = false;
    std::string remote_ufrag_;
    std::string local_ufrag_, local_password_;
    std::string session_id_; // o= of our descriptions
    uint64_t session_version_ = 0;
    std::vector<std::string> local_candidates_;
    bool gathering_done_ = false;
    std::shared_ptr<MediaMap> answered_map_; // the last negotiation's; the loop takes a copy
    std::optional<sdp::SessionDescription> local_offer_; // ours, waiting for the client's answer
    std::shared_ptr<MediaMap> offered_map_;              // its SSRCs, as the offer announced them
    bool offerer_ = false; // our offer started the PeerConnection
    std::vector<RtpSession::LineStats> stats_snapshot_; // copied from the loop each second
    std::string ice_state_ = "new";
    std::string dtls_state_ = "new";
    std::string srtp_profile_;
    std::string selected_local_, selected_remote_;
    std::vector<std::string> channel_labels_; // open data channels, for admin
    bool closed_ = false;

    // Loop-confined state.
    std::unique_ptr<net::IceAgent> ice_;
    std::unique_ptr<net::DtlsTransport> dtls_;
    std::unique_ptr<net::SctpAssociation> sctp_; // when the answer has a data channel section
    net::SrtpSession srtp_in_, srtp_out_;
    MediaMap map_;
    RtpSession rtp_{*this};
    std::array<LineWatch, 16> watch_{};
    std::vector<RtpSession::LineStats> stats_scratch_; // the next snapshot, built on the loop
    boost::asio::steady_timer rtp_timer_;
    HandlerMemory<2> timer_memory_; // the two timers' handlers, re-armed all the time
    std::vector<std::string> early_candidates_; // trickled before ICE started
    std::vector<std::vector<uint8_t>> pending_dtls_; // DTLS sent before ICE connected
    boost::asio::steady_timer media_timer_;
    bool up_ = false;
    bool down_ = false;
    alignas(8) std::array<uint8_t, 1500 + net::SrtpSession::kMaxTrailer> rx_{};
    alignas(8) std::array<uint8_t, 1500 + net::SrtpSession::kMaxTrailer> tx_{};
};

} // namespace portunus
