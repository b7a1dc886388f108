// Fuzzes the data channel stack. Every input goes through the DCEP parser
// (whatever parses must build back to the same bytes and parse the same way);
// inputs starting with a mode byte also reach usrsctp and SctpAssociation:
//   'S' <segments>  each segment is an SCTP packet for a fresh association that
//                   has sent its INIT (CRC checks are off, so garbage gets past
//                   the checksum into usrsctp's parser);
//   'E' <segments>  a pair of associations is set up back to back first; each
//                   segment is a list of chunks sent to one of them with the
//                   right ports and verification tag, and the TSN fields of
//                   DATA/I-DATA/FORWARD-TSN/SACK chunks taken as offsets from
//                   the association's real initial TSNs, so DCEP OPENs, user
//                   messages and stream resets reach the code behind them.
// A segment is a 2-byte big-endian length and that many bytes (or the rest).
// usrsctp's own timer thread runs meanwhile; that is the real environment.
#include "net/dcep.hpp"
#include "net/sctp_association.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <usrsctp.h>

#include <arpa/inet.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

using namespace portunus::net;

namespace {

constexpr size_t kMaxInput = 8192;

void check(bool ok) {
    if (!ok) std::abort();
}

uint32_t read32(const uint8_t *p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return ntohl(v);
}
void write32(uint8_t *p, uint32_t v) {
    v = htonl(v);
    std::memcpy(p, &v, 4);
}

void fuzzDcep(const uint8_t *data, size_t size) {
    (void)dcep::messageType(data, size);
    (void)dcep::isAck(data, size);
    auto open = dcep::parseOpen(data, size);
    if (!open) return;
    auto bytes = dcep::buildOpen(*open);
    check(!bytes.empty() && bytes.size() <= size);
    auto again = dcep::parseOpen(bytes.data(), bytes.size());
    check(again && again->label == open->label && again->protocol == open->protocol &&
          again->params.ordered == open->params.ordered && again->params.reliability == open->params.reliability &&
          again->params.reliability_value == open->params.reliability_value &&
          again->params.priority == open->params.priority);
    // The same bytes, but a reliable channel's ignored parameter is written as 0.
    bool reliable = open->params.reliability == dcep::Reliability::reliable;
    check(std::memcmp(bytes.data(), data, 4) == 0 && std::memcmp(bytes.data() + 8, data + 8, bytes.size() - 8) == 0);
    check(reliable ? read32(bytes.data() + 4) == 0 : std::memcmp(bytes.data() + 4, data + 4, 4) == 0);
}

struct Side : SctpAssociation::Listener {
    boost::asio::io_context &io;
    Side *peer = nullptr;
    std::unique_ptr<SctpAssociation> sctp;
    bool connected = false;
    uint32_t tag = 0, initial_tsn = 0; // from our INIT / INIT-ACK

    Side(boost::asio::io_context &i, bool dtls_client) : io(i) {
        sctp = std::make_unique<SctpAssociation>(*this, io, dtls_client);
    }
    void onSctpSend(const uint8_t *data, size_t length) override {
        // Chunk 1 INIT / 2 INIT-ACK: initiate tag at 16, initial TSN at 28.
        if (length >= 32 && (data[12] == 1 || data[12] == 2) && tag == 0) {
            tag = read32(data + 16);
            initial_tsn = read32(data + 28);
        }
        if (!peer) return;
        auto bytes = std::make_shared<std::vector<uint8_t>>(data, data + length);
        boost::asio::post(io, [p = peer, bytes] {
            if (p->sctp) p->sctp->onDtlsData(bytes->data(), bytes->size());
        });
    }
    void onSctpConnected() override { connected = true; }
    void onSctpChannelOpened(uint16_t stream, const std::string &, const std::string &) override {
        // Exercise the send path on what the fuzzer opened, including an empty message.
        sctp->send(stream, false, reinterpret_cast<const uint8_t *>("hi"), 2);
        sctp->send(stream, true, nullptr, 0);
    }
    void onSctpMessage(uint16_t stream, const std::string &, bool binary, const uint8_t *data,
                       size_t length) override {
        if (length < 64) sctp->send(stream, binary, data, length); // echo
        if (length == 1 && data[0] == 'x') sctp->closeChannel(stream);
    }
    void onSctpChannelClosed(uint16_t) override {}
    void onSctpClosed(const std::string &) override {}
};

template <typename F> void forEachSegment(const uint8_t *data, size_t size, F &&f) {
    while (size >= 2) {
        size_t n = std::min<size_t>((size_t{data[0]} << 8) | data[1], size - 2);
        f(data + 2, n);
        data += 2 + n;
        size -= 2 + n;
    }
}

// One loop for the process, kept from running out of work so that waiting for
// the timer thread's posts works and poll() never needs a restart().
boost::asio::io_context &loop() {
    static auto *io = new boost::asio::io_context(1);
    using Guard = boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;
    static auto *work = new Guard(io->get_executor());
    (void)work;
    return *io;
}

void initOnce() {
    static bool done = [] {
        usrsctp_enable_crc32c_offload(); // no checksum checks: let the fuzzer past them
        return true;
    }();
    (void)done;
}

void fuzzRaw(const uint8_t *data, size_t size) {
    auto &io = loop();
    Side side(io, false);
    side.sctp->start();
    initOnce(); // after start(): the stack exists now
    io.poll();
    forEachSegment(data, size, [&](const uint8_t *packet, size_t length) {
        if (side.sctp) side.sctp->onDtlsData(packet, length);
        io.poll();
    });
    side.sctp.reset();
    io.poll();
}

void add32(std::vector<uint8_t> &packet, size_t at, uint32_t delta) {
    if (at + 4 <= packet.size()) write32(&packet[at], read32(&packet[at]) + delta);
}

// RE-CONFIG parameters (RFC 6525): request/response sequence numbers start at
// the initial TSNs too.
void rebaseReconfig(std::vector<uint8_t> &packet, size_t at, size_t end, uint32_t peer_tsn, uint32_t own_tsn) {
    while (at + 8 <= end) {
        uint16_t type = static_cast<uint16_t>((packet[at] << 8) | packet[at + 1]);
        size_t length = (size_t{packet[at + 2]} << 8) | packet[at + 3];
        if (type == 13) { // outgoing SSN reset request: request seq, response seq, last TSN
            add32(packet, at + 4, peer_tsn);
            add32(packet, at + 8, own_tsn - 1);
            add32(packet, at + 12, peer_tsn - 1);
        } else if (type == 14 || type == 15) { // incoming / SSN-TSN reset request
            add32(packet, at + 4, peer_tsn);
        } else if (type == 16) { // response to one of our requests
            add32(packet, at + 4, own_tsn);
        }
        if (length < 4) break;
        at += (length + 3) & ~size_t{3};
    }
}

// Rebases the TSN-like fields of known chunks on the real initial TSNs.
void rebase(std::vector<uint8_t> &packet, uint32_t peer_tsn, uint32_t own_tsn) {
    size_t at = 12;
    while (at + 8 <= packet.size()) {
        uint8_t type = packet[at];
        size_t length = (size_t{packet[at + 2]} << 8) | packet[at + 3];
        if (type == 0 || type == 64 || type == 192 || type == 194) add32(packet, at + 4, peer_tsn);
        else if (type == 3) add32(packet, at + 4, own_tsn - 1); // SACK: cumulative TSN ack
        else if (type == 130) rebaseReconfig(packet, at + 4, std::min(packet.size(), at + length), peer_tsn, own_tsn);
        if (length < 4) break;
        at += (length + 3) & ~size_t{3};
    }
}

void fuzzEstablished(const uint8_t *data, size_t size) {
    auto &io = loop();
    Side a(io, true), b(io, false);
    a.peer = &b;
    b.peer = &a;
    a.sctp->start();
    b.sctp->start();
    initOnce();
    for (int i = 0; i < 200 && !(a.connected && b.connected); ++i)
        if (!io.poll_one()) io.run_one_for(std::chrono::milliseconds(5));
    if (a.connected && b.connected) {
        // From here on only the fuzzer talks to them: what the real peer would
        // make of replies to chunks it never sent is not the question.
        a.peer = b.peer = nullptr;
        forEachSegment(data, size, [&](const uint8_t *chunks, size_t length) {
            if (length == 0) return;
            // The first byte picks the target: even → b (as if from a), odd → a.
            Side &to = (chunks[0] & 1) ? a : b;
            Side &from = (chunks[0] & 1) ? b : a;
            std::vector<uint8_t> packet(12 + length - 1);
            uint16_t port = htons(SctpAssociation::kDefaultPort);
            std::memcpy(&packet[0], &port, 2);
            std::memcpy(&packet[2], &port, 2);
            write32(&packet[4], to.tag);
            std::memcpy(packet.data() + 12, chunks + 1, length - 1);
            rebase(packet, from.initial_tsn, to.initial_tsn);
            if (to.sctp) to.sctp->onDtlsData(packet.data(), packet.size());
            io.poll();
        });
    }
    a.sctp.reset();
    b.sctp.reset();
    io.poll();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > kMaxInput) return 0;
    fuzzDcep(data, size);
    if (size >= 1 && data[0] == 'S') fuzzRaw(data + 1, size - 1);
    if (size >= 1 && data[0] == 'E') fuzzEstablished(data + 1, size - 1);
    return 0;
}
