// WebRTC data channels for one PeerConnection (RFC 8831): an SCTP association
// (usrsctp in AF_CONN mode: no kernel SCTP, no UDP) whose packets DTLS carries
// (RFC 8261), channels opened with DCEP (RFC 8832) and closed with stream
// resets (RFC 8831 §6.7). Loop-confined: every method on the owning loop.
//
// Threading and lifetime. usrsctp is one process-wide stack (SctpStack) that
// calls back from any thread, its timer thread included, possibly while this
// object is being destroyed on its loop. So:
// - usrsctp knows this association only by an integer id (its AF_CONN address
//   and the socket's ulp_info), never by pointer. SctpStack maps live ids to a
//   shared Anchor {loop, client}; a callback looks its id up under the stack's
//   mutex and, still holding it, posts a copy of what it got to the anchor's
//   loop. An unknown id drops the data. Ids are never reused.
// - Posted work holds the Anchor (shared_ptr), not the association, and runs on
//   the owning loop, where it calls the association only if anchor->client is
//   still set. The destructor clears anchor->client first (same loop: no race
//   with posted work), then closes the socket (SO_LINGER 0: an ABORT, no
//   lingering association), then detaches the id, after which no callback can
//   post for it. What is still queued then runs harmlessly or is destroyed
//   with the io_context.
// - Posting happens under the stack's mutex, so a post cannot race with the
//   association's destruction and then hit a dead io_context: destroy the
//   association before its loop's io_context (PeerConnection does).
// - We never call usrsctp holding the stack's mutex (usrsctp holds its own
//   locks when it calls us), and never call usrsctp from inside its callbacks:
//   everything they produce is handled later, from the loop.
// - Listener callbacks may destroy the association (or close it); the code
//   checks the anchor after each one before touching members again.
//
// Consequences: onSctpSend always runs on the loop, a little after usrsctp
// produced the packet, so an ABORT sent by close() still reaches the listener,
// but one sent by the destructor does not (DTLS is going away too).
#pragma once

#include "net/dcep.hpp"
#include "net/sctp_stack.hpp"

#include <boost/asio/io_context.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace portunus::net {

class SctpAssociation final : private SctpStack::Client {
public:
    enum class State { idle, connecting, connected, closed };

    class Listener {
    public:
        virtual ~Listener() = default;
        virtual void onSctpSend(const uint8_t *data, size_t length) = 0; // an SCTP packet for DTLS to carry
        virtual void onSctpConnected() = 0;
        // The peer opened a channel (DCEP). Channels we open are not reported.
        virtual void onSctpChannelOpened(uint16_t stream, const std::string &label, const std::string &protocol) = 0;
        virtual void onSctpMessage(uint16_t stream, const std::string &label, bool binary, const uint8_t *data,
                                   size_t length) = 0;
        // The channel's incoming stream was reset: the peer closed it, or
        // answered our closeChannel(). Its stream id may be reused afterwards.
        virtual void onSctpChannelClosed(uint16_t stream) = 0;
        // The association ended without close() being called (peer ABORT or
        // SHUTDOWN, lost connection, failure to start). Not called by close().
        virtual void onSctpClosed(const std::string &reason) = 0;
    };

    struct ChannelInfo {
        uint16_t stream = 0;
        std::string label;
        std::string protocol;
        bool ordered = true;
        dcep::Reliability reliability = dcep::Reliability::reliable;
        uint32_t reliability_value = 0; // retransmissions or milliseconds
        uint16_t priority = 0;
        bool local = false;   // opened by us (openChannel)
        bool closing = false; // closeChannel() called, waiting for the peer's reset
    };

    static constexpr uint16_t kDefaultPort = 5000;
    static constexpr size_t kDefaultMaxMessageSize = 262144;
    static constexpr uint16_t kStreams = 1024; // offered in both directions (SCTP_INITMSG)

    // dtls_client picks the stream ids openChannel() uses: the DTLS client
    // takes even ids, the server odd ones (RFC 8832 §6). max_message_size
    // bounds what send() accepts and what we reassemble (larger incoming
    // messages are dropped).
    SctpAssociation(Listener &listener, boost::asio::io_context &loop, bool dtls_client,
                    uint16_t local_port = kDefaultPort, uint16_t remote_port = kDefaultPort,
                    size_t max_message_size = kDefaultMaxMessageSize);
    ~SctpAssociation();
    SctpAssociation(const SctpAssociation &) = delete;
    SctpAssociation &operator=(const SctpAssociation &) = delete;

    // Creates the socket and connects. WebRTC SCTP is a simultaneous open: the
    // peer's INIT collides with ours and both end up in one association. Call
    // when DTLS is up; onDtlsData before start() starts first.
    void start();
    // An SCTP packet DTLS received.
    void onDtlsData(const uint8_t *data, size_t length);
    // Aborts the association (the ABORT still goes out through onSctpSend).
    void close();

    // A user message on a channel: PPID 51 text / 53 binary (56/57 when empty),
    // with the channel's ordering and reliability. False when the channel is
    // unknown or closing, the message too large, or the send buffer full.
    bool send(uint16_t stream, bool binary, const uint8_t *data, size_t length);
    // The same, on the first open channel with that label.
    bool sendByLabel(const std::string &label, bool binary, const uint8_t *data, size_t length);

    // Opens a channel towards the peer (DATA_CHANNEL_OPEN; sent when connected
    // if we are not yet). At most one of max_retransmits / max_packet_lifetime_ms.
    // Returns the stream id, or nothing when no id is free or the arguments are wrong.
    std::optional<uint16_t> openChannel(const std::string &label, const std::string &protocol, bool ordered = true,
                                        std::optional<uint32_t> max_retransmits = std::nullopt,
                                        std::optional<uint32_t> max_packet_lifetime_ms = std::nullopt);
    // Resets the channel's outgoing stream; the peer resets its side in turn,
    // which ends in onSctpChannelClosed. False if there is no such channel.
    bool closeChannel(uint16_t stream);

    std::vector<ChannelInfo> channels() const; // by stream id, for admin
    State state() const { return state_; }
    const char *stateName() const;
    bool dtlsClient() const { return dtls_client_; }

private:
    struct Channel {
        std::string label, protocol;
        dcep::ChannelParams params;
        bool local = false;
        bool acked = true;    // a channel we open is unordered only after the peer's ACK (RFC 8832 §6)
        bool announced = false; // DATA_CHANNEL_OPEN sent
        bool closing = false;
    };
    struct Partial {
        std::vector<uint8_t> bytes;
        bool overflow = false;
    };

    // SctpStack::Client (on the loop)
    void onStackPacket(const uint8_t *data, size_t length) override;
    void onStackRead(const uint8_t *data, size_t length, uint16_t stream, uint32_t ppid, bool notification,
                     bool end_of_message) override;

    bool configureSocket(std::string &error);
    void onMessage(uint16_t stream, uint32_t ppid, const uint8_t *data, size_t length);
    void onControl(uint16_t stream, const uint8_t *data, size_t length);
    void onNotification(const uint8_t *data, size_t length);
    void onAssocChange(const uint8_t *data, size_t length);
    void onStreamReset(const uint8_t *data, size_t length);
    bool announce(uint16_t stream, Channel &channel);
    bool sendRaw(uint16_t stream, uint32_t ppid, bool ordered, const dcep::ChannelParams &params, const uint8_t *data,
                 size_t length);
    void flushResets();
    void fail(const std::string &reason); // closes and tells the listener
    void closeSocket();
    bool alive(const std::shared_ptr<SctpStack::Anchor> &anchor) const { return anchor->client != nullptr; }

    Listener &listener_;
    const bool dtls_client_;
    const uint16_t local_port_, remote_port_;
    const size_t max_message_size_;
    std::shared_ptr<SctpStack::Anchor> anchor_;
    uintptr_t id_ = 0;
    struct socket *socket_ = nullptr;
    State state_ = State::idle;
    uint16_t outbound_streams_ = kStreams, inbound_streams_ = kStreams; // negotiated at COMM_UP
    std::map<uint16_t, Channel> channels_;
    std::unordered_map<uint16_t, Partial> partial_; // messages usrsctp hands over in parts
    std::set<uint16_t> resets_pending_;             // outgoing resets usrsctp has not taken yet
    std::set<uint16_t> resets_in_flight_;           // outgoing resets not yet confirmed: ids not reusable
};

} // namespace portunus::net
