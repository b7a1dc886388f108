// The least a server can spend per forwarded packet on this machine: SRTP
// protect of an 1100-byte RTP payload (the core's own SrtpSession) plus its
// share of a batched UDP send on loopback, by sendmmsg and by UDP GSO (one
// sendmsg carrying a batch of equal segments) where the kernel has it.
// scripts/bench sfu divides Portunus' CPU per forwarded packet by the cheapest
// Floor/* result. Items are packets: items_per_second is packets per second.
#include "net/srtp_session.hpp"

#include <benchmark/benchmark.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <stdexcept>
#include <vector>

#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif

namespace {

using portunus::net::SrtpProfile;
using portunus::net::SrtpSession;

constexpr size_t kPayload = 1100;
constexpr size_t kHeader = 12;
constexpr size_t kBatch = 32;
constexpr size_t kSlot = 1500;

// A protecting session with a fixed key, and packets of one stream to protect.
class Protector {
public:
    explicit Protector(SrtpProfile profile) {
        std::array<uint8_t, 30> key{};
        for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(i * 7 + 1);
        std::string error;
        if (!srtp_.start(profile, SrtpSession::Direction::outbound, key.data(), error))
            throw std::runtime_error("SRTP: " + error);
    }
    // Writes packet `seq` into `out` (kSlot bytes) and protects it; returns its size.
    size_t make(uint8_t *out) {
        out[0] = 0x80, out[1] = 96;
        out[2] = static_cast<uint8_t>(seq_ >> 8), out[3] = static_cast<uint8_t>(seq_);
        std::memset(out + 4, 0, 4);
        out[8] = 0x12, out[9] = 0x34, out[10] = 0x56, out[11] = 0x78;
        std::memset(out + kHeader, 0xA5, kPayload);
        size_t length = kHeader + kPayload;
        ++seq_;
        if (!srtp_.protectRtp(out, length)) throw std::runtime_error("protect failed");
        return length;
    }

private:
    SrtpSession srtp_;
    uint16_t seq_ = 0;
};

// A loopback UDP socket pair: `tx` connected to `rx` (never read: the kernel
// drops what overflows its buffer, after the send was paid for).
struct Loopback {
    int rx = -1, tx = -1;
    Loopback() {
        rx = socket(AF_INET, SOCK_DGRAM, 0);
        tx = socket(AF_INET, SOCK_DGRAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        if (bind(rx, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0 ||
            getsockname(rx, reinterpret_cast<sockaddr *>(&a), &len) != 0 ||
            connect(tx, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0)
            throw std::runtime_error("loopback socket");
    }
    ~Loopback() {
        close(rx);
        close(tx);
    }
};

SrtpProfile profileOf(const benchmark::State &state) {
    return state.range(0) ? SrtpProfile::aead_aes_128_gcm : SrtpProfile::aes_cm_128_hmac_sha1_80;
}

void SrtpProtect(benchmark::State &state) {
    Protector p(profileOf(state));
    std::vector<uint8_t> buf(kSlot);
    for (auto _ : state) benchmark::DoNotOptimize(p.make(buf.data()));
    state.SetItemsProcessed(state.iterations());
}

// Protect kBatch packets, then one sendmmsg for all of them.
void FloorSendmmsg(benchmark::State &state) {
    Protector p(profileOf(state));
    Loopback net;
    std::vector<uint8_t> buf(kSlot * kBatch);
    std::array<iovec, kBatch> iov{};
    std::array<mmsghdr, kBatch> msgs{};
    for (auto _ : state) {
        for (size_t i = 0; i < kBatch; ++i) {
            iov[i] = {buf.data() + i * kSlot, p.make(buf.data() + i * kSlot)};
            msgs[i] = {};
            msgs[i].msg_hdr.msg_iov = &iov[i];
            msgs[i].msg_hdr.msg_iovlen = 1;
        }
        benchmark::DoNotOptimize(sendmmsg(net.tx, msgs.data(), kBatch, 0));
    }
    state.SetItemsProcessed(state.iterations() * kBatch);
}

// Protect kBatch packets laid end to end, then one sendmsg with UDP_SEGMENT.
void FloorGso(benchmark::State &state) {
    Protector p(profileOf(state));
    Loopback net;
    std::vector<uint8_t> buf(kSlot * kBatch);
    size_t segment = 0;
    for (auto _ : state) {
        size_t used = 0;
        for (size_t i = 0; i < kBatch; ++i) used += segment = p.make(buf.data() + used);
        iovec iov{buf.data(), used};
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(uint16_t))] = {};
        msghdr msg{};
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
        cmsghdr *c = CMSG_FIRSTHDR(&msg);
        c->cmsg_level = SOL_UDP;
        c->cmsg_type = UDP_SEGMENT;
        c->cmsg_len = CMSG_LEN(sizeof(uint16_t));
        auto size = static_cast<uint16_t>(segment);
        std::memcpy(CMSG_DATA(c), &size, sizeof size);
        if (sendmsg(net.tx, &msg, 0) < 0 && errno != ENOBUFS) {
            state.SkipWithError("UDP GSO not available");
            break;
        }
    }
    state.SetItemsProcessed(state.iterations() * kBatch);
}

BENCHMARK(SrtpProtect)->ArgName("gcm")->Arg(0)->Arg(1);
BENCHMARK(FloorSendmmsg)->ArgName("gcm")->Arg(0)->Arg(1);
BENCHMARK(FloorGso)->ArgName("gcm")->Arg(0)->Arg(1);

} // namespace

BENCHMARK_MAIN();
