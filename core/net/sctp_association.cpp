#include "net/sctp_association.hpp"

#include "observe/log.hpp"

#include <usrsctp.h>

#include <arpa/inet.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstring>

namespace portunus::net {

namespace {

// The largest SCTP packet we hand to DTLS: with DTLS's own overhead it stays
// within an IPv6 minimum MTU path (the value Chrome's dcsctp uses).
constexpr uint32_t kMaxPacketSize = 1191;
constexpr int kMinSocketBuffer = 1 << 20;

constexpr uint16_t kEvents[] = {
    SCTP_ASSOC_CHANGE,          SCTP_PEER_ADDR_CHANGE,       SCTP_REMOTE_ERROR,
    SCTP_SHUTDOWN_EVENT,        SCTP_ADAPTATION_INDICATION,  SCTP_PARTIAL_DELIVERY_EVENT,
    SCTP_SEND_FAILED_EVENT,     SCTP_STREAM_RESET_EVENT,     SCTP_STREAM_CHANGE_EVENT,
};

std::string errnoText(const char *what) { return std::string(what) + ": " + std::strerror(errno); }

sockaddr_conn connAddress(uintptr_t id, uint16_t port) {
    sockaddr_conn a{};
    a.sconn_family = AF_CONN;
    a.sconn_port = htons(port);
    a.sconn_addr = SctpStack::address(id);
    return a;
}

// Notifications come in malloc()ed buffers (aligned), but copy the fixed part
// anyway rather than cast: the length is the peer's doing in some cases.
template <typename T> bool readStruct(const uint8_t *data, size_t length, T &out) {
    if (length < sizeof(T)) return false;
    std::memcpy(&out, data, sizeof(T));
    return true;
}

} // namespace

SctpAssociation::SctpAssociation(Listener &listener, boost::asio::io_context &loop, bool dtls_client,
                                 uint16_t local_port, uint16_t remote_port, size_t max_message_size)
    : listener_(listener), dtls_client_(dtls_client), local_port_(local_port), remote_port_(remote_port),
      max_message_size_(max_message_size),
      anchor_(std::make_shared<SctpStack::Anchor>(loop, static_cast<SctpStack::Client *>(this))) {
    id_ = SctpStack::attach(anchor_);
}

SctpAssociation::~SctpAssociation() {
    anchor_->client = nullptr; // first: queued work now drops what it carries
    closeSocket();             // SO_LINGER 0: ABORT, and usrsctp frees the association
    SctpStack::detach(id_);    // last: from here on no callback can post for us
}

const char *SctpAssociation::stateName() const {
    switch (state_) {
    case State::idle: return "idle";
    case State::connecting: return "connecting";
    case State::connected: return "connected";
    case State::closed: return "closed";
    }
    return "?";
}

void SctpAssociation::start() {
    if (state_ != State::idle) return;
    state_ = State::connecting;
    std::string error;
    if (!configureSocket(error)) fail(error);
}

bool SctpAssociation::configureSocket(std::string &error) {
    socket_ = SctpStack::createSocket(id_);
    if (!socket_) {
        error = errnoText("cannot create the SCTP socket");
        return false;
    }
    auto set = [&](int level, int name, const void *value, socklen_t size, const char *what) {
        if (usrsctp_setsockopt(socket_, level, name, value, size) == 0) return true;
        error = errnoText(what);
        return false;
    };
    if (usrsctp_set_non_blocking(socket_, 1) < 0) {
        error = errnoText("cannot make the SCTP socket non-blocking");
        return false;
    }
    linger no_linger{1, 0}; // close() aborts: nothing lingers in usrsctp after us
    sctp_assoc_value reset{SCTP_FUTURE_ASSOC, SCTP_ENABLE_RESET_STREAM_REQ};
    int on = 1;
    sctp_initmsg init{kStreams, kStreams, 0, 0};
    int buffer = std::max(kMinSocketBuffer, static_cast<int>(std::min<size_t>(max_message_size_, 1 << 28) * 2));
    if (!set(SOL_SOCKET, SO_LINGER, &no_linger, sizeof no_linger, "SO_LINGER") ||
        !set(IPPROTO_SCTP, SCTP_ENABLE_STREAM_RESET, &reset, sizeof reset, "SCTP_ENABLE_STREAM_RESET") ||
        !set(IPPROTO_SCTP, SCTP_NODELAY, &on, sizeof on, "SCTP_NODELAY") ||
        !set(IPPROTO_SCTP, SCTP_RECVRCVINFO, &on, sizeof on, "SCTP_RECVRCVINFO") ||
        !set(IPPROTO_SCTP, SCTP_INITMSG, &init, sizeof init, "SCTP_INITMSG") ||
        !set(SOL_SOCKET, SO_SNDBUF, &buffer, sizeof buffer, "SO_SNDBUF") ||
        !set(SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer, "SO_RCVBUF"))
        return false;
    for (uint16_t type : kEvents) {
        sctp_event event{SCTP_FUTURE_ASSOC, type, 1};
        if (!set(IPPROTO_SCTP, SCTP_EVENT, &event, sizeof event, "SCTP_EVENT")) return false;
    }
    sockaddr_conn local = connAddress(id_, local_port_);
    if (usrsctp_bind(socket_, reinterpret_cast<sockaddr *>(&local), sizeof local) < 0) {
        error = errnoText("cannot bind the SCTP socket");
        return false;
    }
    sockaddr_conn remote = connAddress(id_, remote_port_);
    if (usrsctp_connect(socket_, reinterpret_cast<sockaddr *>(&remote), sizeof remote) < 0 && errno != EINPROGRESS) {
        error = errnoText("cannot connect the SCTP socket");
        return false;
    }
    // Fixed path MTU, no discovery (it only works once connect created the association).
    sctp_paddrparams params{};
    std::memcpy(&params.spp_address, &remote, sizeof remote);
    params.spp_flags = SPP_PMTUD_DISABLE;
    params.spp_pathmtu = kMaxPacketSize - sizeof(sctp_common_header); // usrsctp adds the common header
    if (usrsctp_setsockopt(socket_, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &params, sizeof params) < 0)
        PLOG_WARN("sctp", {}, "{}", errnoText("cannot set the SCTP path MTU"));
    return true;
}

void SctpAssociation::onDtlsData(const uint8_t *data, size_t length) {
    if (state_ == State::idle) { // the peer's INIT came first
        auto anchor = anchor_;
        start();
        if (!alive(anchor)) return;
    }
    if (state_ == State::closed || !socket_ || length == 0) return;
    usrsctp_conninput(SctpStack::address(id_), data, length, 0);
}

void SctpAssociation::close() {
    if (state_ == State::closed) return;
    state_ = State::closed;
    closeSocket();
    channels_.clear();
    partial_.clear();
}

void SctpAssociation::fail(const std::string &reason) {
    if (state_ == State::closed) return;
    PLOG_INFO("sctp", {}, "association closed: {}", reason);
    close();
    listener_.onSctpClosed(reason);
}

void SctpAssociation::closeSocket() {
    if (!socket_) return;
    usrsctp_close(socket_);
    socket_ = nullptr;
}

// --- sending ---------------------------------------------------------------

bool SctpAssociation::sendRaw(uint16_t stream, uint32_t ppid, bool ordered, const dcep::ChannelParams &params,
                              const uint8_t *data, size_t length) {
    sctp_sendv_spa spa{};
    spa.sendv_flags = SCTP_SEND_SNDINFO_VALID;
    spa.sendv_sndinfo.snd_sid = stream;
    spa.sendv_sndinfo.snd_ppid = htonl(ppid);
    spa.sendv_sndinfo.snd_flags = SCTP_EOR | (ordered ? 0 : SCTP_UNORDERED);
    if (params.reliability != dcep::Reliability::reliable) {
        spa.sendv_flags |= SCTP_SEND_PRINFO_VALID;
        spa.sendv_prinfo.pr_policy =
            params.reliability == dcep::Reliability::max_retransmits ? SCTP_PR_SCTP_RTX : SCTP_PR_SCTP_TTL;
        spa.sendv_prinfo.pr_value = params.reliability_value;
    }
    ssize_t sent = usrsctp_sendv(socket_, data, length, nullptr, 0, &spa, sizeof spa, SCTP_SENDV_SPA, 0);
    if (sent < 0) {
        PLOG_DEBUG("sctp", {}, "send on stream {} failed: {}", stream, std::strerror(errno));
        return false;
    }
    return static_cast<size_t>(sent) == length;
}

bool SctpAssociation::send(uint16_t stream, bool binary, const uint8_t *data, size_t length) {
    if (state_ != State::connected || length > max_message_size_) return false;
    auto it = channels_.find(stream);
    if (it == channels_.end() || it->second.closing || !it->second.announced) return false;
    static constexpr uint8_t kEmpty = 0; // RFC 8831 §6.6: an empty message is one byte with PPID 56/57
    uint32_t ppid = binary ? dcep::kPpidBinary : dcep::kPpidString;
    if (length == 0) {
        ppid = binary ? dcep::kPpidBinaryEmpty : dcep::kPpidStringEmpty;
        data = &kEmpty;
        length = 1;
    }
    const Channel &channel = it->second;
    // Until the ACK, user messages go ordered so they cannot overtake the OPEN (RFC 8832 §6).
    return sendRaw(stream, ppid, channel.params.ordered || !channel.acked, channel.params, data, length);
}

bool SctpAssociation::sendByLabel(const std::string &label, bool binary, const uint8_t *data, size_t length) {
    for (const auto &[stream, channel] : channels_)
        if (channel.label == label && !channel.closing) return send(stream, binary, data, length);
    return false;
}

bool SctpAssociation::announce(uint16_t stream, Channel &channel) {
    auto open = dcep::buildOpen({channel.params, channel.label, channel.protocol});
    channel.announced = !open.empty() && sendRaw(stream, dcep::kPpidControl, true, {}, open.data(), open.size());
    return channel.announced;
}

std::optional<uint16_t> SctpAssociation::openChannel(const std::string &label, const std::string &protocol,
                                                     bool ordered, std::optional<uint32_t> max_retransmits,
                                                     std::optional<uint32_t> max_packet_lifetime_ms) {
    if (state_ == State::closed || (max_retransmits && max_packet_lifetime_ms) ||
        label.size() > dcep::kMaxLabelLength || protocol.size() > dcep::kMaxLabelLength)
        return std::nullopt;
    Channel channel;
    channel.label = label;
    channel.protocol = protocol;
    channel.params.ordered = ordered;
    if (max_retransmits) {
        channel.params.reliability = dcep::Reliability::max_retransmits;
        channel.params.reliability_value = *max_retransmits;
    } else if (max_packet_lifetime_ms) {
        channel.params.reliability = dcep::Reliability::max_packet_lifetime;
        channel.params.reliability_value = *max_packet_lifetime_ms;
    }
    channel.local = true;
    channel.acked = false;
    uint32_t limit = std::min(outbound_streams_, inbound_streams_);
    for (uint32_t s = dtls_client_ ? 0 : 1; s < limit; s += 2) {
        auto stream = static_cast<uint16_t>(s);
        if (channels_.count(stream) || resets_in_flight_.count(stream)) continue;
        auto it = channels_.emplace(stream, std::move(channel)).first;
        if (state_ == State::connected && !announce(stream, it->second)) {
            channels_.erase(it);
            return std::nullopt;
        }
        return stream;
    }
    return std::nullopt;
}

bool SctpAssociation::closeChannel(uint16_t stream) {
    auto it = channels_.find(stream);
    if (it == channels_.end()) return false;
    if (it->second.closing) return true;
    if (state_ != State::connected || !it->second.announced) { // the peer never heard of it
        channels_.erase(it);
        return true;
    }
    it->second.closing = true;
    resets_pending_.insert(stream);
    resets_in_flight_.insert(stream);
    flushResets();
    return true;
}

// Asks usrsctp to reset every pending outgoing stream. It refuses while a
// reset is in progress; we try again at the next stream reset event.
void SctpAssociation::flushResets() {
    if (resets_pending_.empty() || state_ != State::connected || !socket_) return;
    size_t count = resets_pending_.size();
    std::vector<uint8_t> buffer(offsetof(sctp_reset_streams, srs_stream_list) + count * sizeof(uint16_t));
    sctp_reset_streams header{};
    header.srs_assoc_id = SCTP_ALL_ASSOC;
    header.srs_flags = SCTP_STREAM_RESET_OUTGOING;
    header.srs_number_streams = static_cast<uint16_t>(count);
    std::memcpy(buffer.data(), &header, offsetof(sctp_reset_streams, srs_stream_list));
    std::vector<uint16_t> list(resets_pending_.begin(), resets_pending_.end());
    std::memcpy(buffer.data() + offsetof(sctp_reset_streams, srs_stream_list), list.data(), count * sizeof(uint16_t));
    if (usrsctp_setsockopt(socket_, IPPROTO_SCTP, SCTP_RESET_STREAMS, buffer.data(),
                           static_cast<socklen_t>(buffer.size())) == 0)
        resets_pending_.clear();
    else
        PLOG_DEBUG("sctp", {}, "stream reset deferred: {}", std::strerror(errno));
}

std::vector<SctpAssociation::ChannelInfo> SctpAssociation::channels() const {
    std::vector<ChannelInfo> out;
    out.reserve(channels_.size());
    for (const auto &[stream, c] : channels_)
        out.push_back({stream, c.label, c.protocol, c.params.ordered, c.params.reliability, c.params.reliability_value,
                       c.params.priority, c.local, c.closing});
    return out;
}

// --- receiving (work posted by SctpStack) -------------------------------------

void SctpAssociation::onStackPacket(const uint8_t *data, size_t length) { listener_.onSctpSend(data, length); }

void SctpAssociation::onStackRead(const uint8_t *data, size_t length, uint16_t stream, uint32_t ppid,
                                  bool notification, bool end_of_message) {
    if (state_ == State::closed) return;
    if (!data) {
        fail("the association ended");
        return;
    }
    if (notification) {
        onNotification(data, length);
        return;
    }
    auto pending = partial_.find(stream);
    if (end_of_message && pending == partial_.end()) {
        if (length > max_message_size_) {
            PLOG_WARN("sctp", {}, "dropping a {}-byte message on stream {}: over the size limit", length, stream);
            return;
        }
        onMessage(stream, ppid, data, length);
        return;
    }
    // A part of a large message: collect up to the limit, drop the rest.
    Partial &p = pending != partial_.end() ? pending->second : partial_[stream];
    if (!p.overflow && p.bytes.size() + length <= max_message_size_) {
        p.bytes.insert(p.bytes.end(), data, data + length);
    } else {
        p.overflow = true;
        p.bytes = {};
    }
    if (!end_of_message) return;
    Partial done = std::move(p);
    partial_.erase(stream);
    if (done.overflow) {
        PLOG_WARN("sctp", {}, "dropped a message on stream {}: over the size limit", stream);
        return;
    }
    onMessage(stream, ppid, done.bytes.data(), done.bytes.size());
}

void SctpAssociation::onMessage(uint16_t stream, uint32_t ppid, const uint8_t *data, size_t length) {
    bool binary = false, empty = false;
    switch (ppid) {
    case dcep::kPpidControl: onControl(stream, data, length); return;
    case dcep::kPpidString: break;
    case dcep::kPpidBinary: binary = true; break;
    case dcep::kPpidStringEmpty: empty = true; break;
    case dcep::kPpidBinaryEmpty: binary = empty = true; break;
    default: PLOG_DEBUG("sctp", {}, "dropping a message with PPID {} on stream {}", ppid, stream); return;
    }
    auto it = channels_.find(stream);
    if (it == channels_.end()) {
        PLOG_DEBUG("sctp", {}, "dropping a message on stream {}: no channel", stream);
        return;
    }
    it->second.acked = true; // a user message implies the ACK (RFC 8832 §6)
    listener_.onSctpMessage(stream, it->second.label, binary, data, empty ? 0 : length);
}

void SctpAssociation::onControl(uint16_t stream, const uint8_t *data, size_t length) {
    auto type = dcep::messageType(data, length);
    if (type == dcep::MessageType::ack) {
        auto it = channels_.find(stream);
        if (it != channels_.end()) it->second.acked = true;
        return;
    }
    auto open = type ? dcep::parseOpen(data, length) : std::nullopt;
    if (!open) {
        PLOG_WARN("sctp", {}, "dropping a malformed DCEP message on stream {}", stream);
        return;
    }
    if (channels_.count(stream) || resets_in_flight_.count(stream)) {
        PLOG_WARN("sctp", {}, "ignoring DATA_CHANNEL_OPEN '{}' on stream {}: in use", open->label, stream);
        return;
    }
    Channel channel;
    channel.label = std::move(open->label);
    channel.protocol = std::move(open->protocol);
    channel.params = open->params;
    channel.announced = true;
    auto it = channels_.emplace(stream, std::move(channel)).first;
    uint8_t ack = dcep::buildAck();
    if (!sendRaw(stream, dcep::kPpidControl, true, {}, &ack, 1))
        PLOG_WARN("sctp", {}, "cannot acknowledge channel '{}' on stream {}", it->second.label, stream);
    listener_.onSctpChannelOpened(stream, it->second.label, it->second.protocol);
}

void SctpAssociation::onNotification(const uint8_t *data, size_t length) {
    sctp_notification::sctp_tlv header{};
    if (!readStruct(data, length, header)) return;
    switch (header.sn_type) {
    case SCTP_ASSOC_CHANGE: onAssocChange(data, length); break;
    case SCTP_STREAM_RESET_EVENT: onStreamReset(data, length); break;
    case SCTP_SHUTDOWN_EVENT: fail("the peer shut the association down"); break;
    case SCTP_REMOTE_ERROR: PLOG_WARN("sctp", {}, "the peer reported an SCTP error"); break;
    case SCTP_SEND_FAILED_EVENT: {
        sctp_send_failed_event failed{};
        if (readStruct(data, length, failed)) // normal for partially reliable channels
            PLOG_DEBUG("sctp", {}, "message abandoned on stream {} ({})", failed.ssfe_info.snd_sid,
                       (failed.ssfe_flags & SCTP_DATA_SENT) ? "sent" : "unsent");
        break;
    }
    case SCTP_STREAM_CHANGE_EVENT: {
        sctp_stream_change_event change{};
        if (readStruct(data, length, change)) {
            inbound_streams_ = change.strchange_instrms;
            outbound_streams_ = change.strchange_outstrms;
        }
        break;
    }
    case SCTP_PARTIAL_DELIVERY_EVENT: {
        sctp_pdapi_event pd{};
        if (readStruct(data, length, pd)) partial_.erase(static_cast<uint16_t>(pd.pdapi_stream)); // aborted
        break;
    }
    default: break;
    }
}

void SctpAssociation::onAssocChange(const uint8_t *data, size_t length) {
    sctp_assoc_change change{};
    if (!readStruct(data, length, change)) return;
    switch (change.sac_state) {
    case SCTP_COMM_UP: {
        if (state_ != State::connecting) return;
        state_ = State::connected;
        outbound_streams_ = change.sac_outbound_streams;
        inbound_streams_ = change.sac_inbound_streams;
        PLOG_DEBUG("sctp", {}, "association up: {} outbound, {} inbound streams", outbound_streams_,
                   inbound_streams_);
        uint16_t limit = std::min(outbound_streams_, inbound_streams_);
        for (auto it = channels_.begin(); it != channels_.end();) { // opened before we were up
            if (it->second.announced || (it->first < limit && announce(it->first, it->second))) {
                ++it;
            } else {
                PLOG_WARN("sctp", {}, "cannot open channel '{}' on stream {}", it->second.label, it->first);
                it = channels_.erase(it);
            }
        }
        listener_.onSctpConnected();
        break;
    }
    case SCTP_COMM_LOST: fail("the association was lost or aborted"); break;
    case SCTP_SHUTDOWN_COMP: fail("the association was shut down"); break;
    case SCTP_CANT_STR_ASSOC: fail("the association could not be established"); break;
    case SCTP_RESTART: PLOG_INFO("sctp", {}, "the peer restarted the association"); break;
    default: break;
    }
}

// RFC 8831 §6.7: a channel is closed by resetting its outgoing stream; the
// side that sees its incoming stream reset resets its outgoing one in turn.
void SctpAssociation::onStreamReset(const uint8_t *data, size_t length) {
    sctp_stream_reset_event event{};
    if (!readStruct(data, length, event)) return;
    constexpr size_t kListOffset = offsetof(sctp_stream_reset_event, strreset_stream_list);
    size_t end = std::min<size_t>(event.strreset_length, length);
    size_t count = end > kListOffset ? (end - kListOffset) / sizeof(uint16_t) : 0;
    std::vector<uint16_t> streams(count);
    if (count) std::memcpy(streams.data(), data + kListOffset, count * sizeof(uint16_t));

    if (event.strreset_flags & (SCTP_STREAM_RESET_DENIED | SCTP_STREAM_RESET_FAILED)) {
        PLOG_WARN("sctp", {}, "the peer refused a stream reset ({} streams)", count);
        if (event.strreset_flags & SCTP_STREAM_RESET_OUTGOING_SSN)
            for (uint16_t s : streams) resets_in_flight_.erase(s);
        flushResets();
        return;
    }
    if (event.strreset_flags & SCTP_STREAM_RESET_OUTGOING_SSN)
        for (uint16_t s : streams) resets_in_flight_.erase(s); // our side is closed
    std::vector<uint16_t> closed;
    if (event.strreset_flags & SCTP_STREAM_RESET_INCOMING_SSN) {
        for (uint16_t s : streams) {
            partial_.erase(s);
            auto it = channels_.find(s);
            if (it == channels_.end()) continue;
            if (!it->second.closing) { // the peer closed it: close our side too
                resets_pending_.insert(s);
                resets_in_flight_.insert(s);
            }
            channels_.erase(it);
            closed.push_back(s);
        }
    }
    flushResets();
    auto anchor = anchor_;
    for (uint16_t s : closed) {
        listener_.onSctpChannelClosed(s);
        if (!alive(anchor)) return;
    }
}

} // namespace portunus::net
