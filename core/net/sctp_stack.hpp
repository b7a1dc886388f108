// The process-wide usrsctp stack. usrsctp is one global SCTP implementation (a
// BSD kernel stack in user space) shared by every association of every loop:
// it is initialised once, on first use, and never finished. Each association
// gets an id; usrsctp knows it only by that id (as its AF_CONN address and as
// the socket's ulp_info), never by pointer.
//
// usrsctp calls back from whichever thread drove it: a loop thread inside
// usrsctp_conninput/sendv/setsockopt/close, or the stack's timer thread
// (retransmissions, delayed SACKs, heartbeats, timeouts). Every callback copies
// what it got and posts it to the association's loop, so associations only
// ever see their own loop thread. See SctpAssociation for the lifetime rules.
//
// The stack is started with usrsctp_init_nothreads and driven by one timer
// thread of ours (usrsctp_handle_timers every 10 ms, paused when no
// association has existed for a minute). usrsctp_init would start the same
// timer plus, because Debian builds usrsctp with INET/INET6, raw IPv4/IPv6
// SCTP sockets and their receive threads whenever the process may open raw
// sockets (root in a container): real SCTP from the network would reach
// usrsctp. We only need AF_CONN, so none of that is started.
#pragma once

#include <boost/asio/io_context.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>

struct socket; // usrsctp's

namespace portunus::net {

class SctpStack {
public:
    // Receives what usrsctp's callbacks produced, always on its own loop.
    class Client {
    public:
        // An SCTP packet usrsctp wants sent (to be carried by DTLS).
        virtual void onStackPacket(const uint8_t *data, size_t length) = 0;
        // One read from the socket: `notification` is a union sctp_notification;
        // otherwise user data of `stream` with `ppid` (host order), the end of a
        // message when `end_of_message` (usrsctp hands over large messages in
        // parts). `data` == nullptr: the socket has nothing more to give.
        virtual void onStackRead(const uint8_t *data, size_t length, uint16_t stream, uint32_t ppid,
                                 bool notification, bool end_of_message) = 0;

    protected:
        ~Client() = default;
    };

    // Shared by a client and the work posted for it. `client` is read and
    // cleared only on `loop`: the client clears it when it goes away, so work
    // still queued then finds nullptr and drops what it carries.
    struct Anchor {
        explicit Anchor(boost::asio::io_context &l, Client *c) : loop(l), client(c) {}
        boost::asio::io_context &loop;
        Client *client;
    };

    // Starts the stack if needed, registers the anchor and its AF_CONN
    // address. Returns the id (never 0).
    static uintptr_t attach(std::shared_ptr<Anchor> anchor);
    // Deregisters the address and forgets the id: once this returns no
    // callback can post anything more for it. Close the socket first.
    static void detach(uintptr_t id);
    // A one-to-one AF_CONN socket whose reads go to the id's client; nullptr on failure.
    static struct socket *createSocket(uintptr_t id);
    // The id as usrsctp's AF_CONN address.
    static void *address(uintptr_t id) { return reinterpret_cast<void *>(id); }
};

} // namespace portunus::net
