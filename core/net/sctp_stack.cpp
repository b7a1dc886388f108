#include "net/sctp_stack.hpp"

#include "observe/log.hpp"

#include <boost/asio/post.hpp>

#include <usrsctp.h>

#include <arpa/inet.h>

#include <chrono>
#include <condition_variable>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace portunus::net {

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kTick = std::chrono::milliseconds(10);   // what usrsctp's own timer thread uses
constexpr auto kIdleAfter = std::chrono::seconds(60);   // lets closed associations finish first

struct FreeDeleter {
    void operator()(void *p) const { std::free(p); }
};
using UsrsctpBuffer = std::unique_ptr<uint8_t, FreeDeleter>;

// Never destroyed: usrsctp and the timer thread may call in while the process exits.
struct Globals {
    std::mutex mutex; // guards everything below; never held while calling usrsctp
    std::condition_variable wake;
    std::unordered_map<uintptr_t, std::shared_ptr<SctpStack::Anchor>> anchors;
    uintptr_t next_id = 1;
    Clock::time_point last_detach = Clock::now();
};

Globals &globals() {
    static auto *g = new Globals;
    return *g;
}

// usrsctp's printf (SCTP_PRINTF and, with sctp_debug_on, SCTPDBG).
__attribute__((format(printf, 1, 2))) void debugPrintf(const char *format, ...) {
    char buf[512];
    va_list args;
    va_start(args, format);
    int n = std::vsnprintf(buf, sizeof buf, format, args);
    va_end(args);
    if (n <= 0) return;
    size_t len = std::min(static_cast<size_t>(n), sizeof buf - 1);
    while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r')) --len;
    PLOG_DEBUG("sctp", {}, "usrsctp: {}", std::string_view(buf, len));
}

// Posts `f(client)` to the id's loop, or drops it when the id is gone. Holding
// the mutex while posting means a detach() that returned has seen every post
// for its id, and that no post can reach a loop whose association is gone.
template <typename F> void postToClient(uintptr_t id, F &&f) {
    auto &g = globals();
    std::lock_guard lock(g.mutex);
    auto it = g.anchors.find(id);
    if (it == g.anchors.end()) return;
    auto anchor = it->second;
    boost::asio::io_context &loop = anchor->loop;
    boost::asio::post(loop, [anchor = std::move(anchor), f = std::forward<F>(f)]() mutable {
        if (anchor->client) f(*anchor->client);
    });
}

// conn_output: usrsctp has a packet for the AF_CONN address `addr` (our id).
int onOutput(void *addr, void *buffer, size_t length, uint8_t /*tos*/, uint8_t /*set_df*/) {
    const auto *bytes = static_cast<const uint8_t *>(buffer);
    std::vector<uint8_t> packet(bytes, bytes + length); // usrsctp keeps its buffer
    postToClient(reinterpret_cast<uintptr_t>(addr), [packet = std::move(packet)](SctpStack::Client &client) {
        client.onStackPacket(packet.data(), packet.size());
    });
    return 0;
}

// The socket's receive callback. `data` was malloc()ed for us; we free it.
int onReceive(struct socket *, union sctp_sockstore, void *data, size_t length, struct sctp_rcvinfo info, int flags,
              void *ulp_info) {
    UsrsctpBuffer buffer(static_cast<uint8_t *>(data));
    uint16_t stream = info.rcv_sid;
    uint32_t ppid = ntohl(info.rcv_ppid);
    bool notification = (flags & MSG_NOTIFICATION) != 0;
    bool eom = (flags & MSG_EOR) != 0;
    postToClient(reinterpret_cast<uintptr_t>(ulp_info),
                 [buffer = std::move(buffer), length, stream, ppid, notification, eom](SctpStack::Client &client) {
                     client.onStackRead(buffer.get(), buffer ? length : 0, stream, ppid, notification, eom);
                 });
    return 1;
}

// Drives usrsctp's timers; sleeps when no association has existed for a while.
void runTimers() {
    auto &g = globals();
    std::unique_lock lock(g.mutex);
    auto last = Clock::now();
    for (;;) {
        if (g.anchors.empty() && Clock::now() - g.last_detach > kIdleAfter) {
            g.wake.wait(lock, [&] { return !g.anchors.empty(); });
            last = Clock::now(); // the clock stood still while nothing could time out
        }
        g.wake.wait_for(lock, kTick);
        auto now = Clock::now();
        auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(now - last);
        if (elapsed.count() <= 0) continue;
        last += elapsed; // keeps the sub-millisecond remainder
        lock.unlock();
        usrsctp_handle_timers(static_cast<uint32_t>(elapsed.count()));
        lock.lock();
    }
}

void initialise() {
    usrsctp_init_nothreads(0, onOutput, debugPrintf); // port 0: no UDP encapsulation
    usrsctp_sysctl_set_sctp_ecn_enable(0);      // WebRTC peers do not use ECN over DTLS
    usrsctp_sysctl_set_sctp_asconf_enable(0);   // one fixed AF_CONN address: nothing to reconfigure
    usrsctp_sysctl_set_sctp_auth_enable(0);     // DTLS authenticates; SCTP-AUTH is only needed by ASCONF
    usrsctp_sysctl_set_sctp_pr_enable(1);       // partial reliability (maxRetransmits, maxPacketLifeTime)
    usrsctp_sysctl_set_sctp_reconfig_enable(1); // stream resets close channels
    std::thread(runTimers).detach();            // lives as long as the process, like usrsctp's own
    PLOG_INFO("sctp", {}, "usrsctp started (AF_CONN only)");
}

} // namespace

uintptr_t SctpStack::attach(std::shared_ptr<Anchor> anchor) {
    static std::once_flag once;
    std::call_once(once, initialise);
    auto &g = globals();
    uintptr_t id;
    {
        std::lock_guard lock(g.mutex);
        id = g.next_id++;
        bool was_empty = g.anchors.empty();
        g.anchors.emplace(id, std::move(anchor));
        if (was_empty) g.wake.notify_all();
    }
    usrsctp_register_address(address(id));
    return id;
}

void SctpStack::detach(uintptr_t id) {
    usrsctp_deregister_address(address(id));
    auto &g = globals();
    std::lock_guard lock(g.mutex);
    g.anchors.erase(id);
    g.last_detach = Clock::now();
}

struct socket *SctpStack::createSocket(uintptr_t id) {
    return usrsctp_socket(AF_CONN, SOCK_STREAM, IPPROTO_SCTP, onReceive, nullptr, 0, address(id));
}

} // namespace portunus::net
