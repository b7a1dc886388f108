// What ICE gathers on and how: host addresses (from interface allow/deny
// lists), port range, ice-lite, 1:1 NAT mapping, an optional TURN relay.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace portunus::net {

struct IceConfig {
    bool lite = false;
    std::vector<std::string> local_addresses; // resolved once at start-up
    uint16_t port_min = 0;                    // 0..0 = any port
    uint16_t port_max = 0;
    std::string public_ip; // 1:1 NAT: advertised in place of each host address
    std::string turn_server;
    uint16_t turn_port = 3478;
    std::string turn_user;
    std::string turn_password;
};

// The local addresses to gather on: interfaces (by name or address) in `allow`
// (empty = every interface that is up), minus those in `deny`. Loopback only
// when allowed explicitly. An allow list that matches nothing is an error.
std::vector<std::string> resolveInterfaces(const std::vector<std::string> &allow, const std::vector<std::string> &deny,
                                           bool ipv6, std::string &error);

} // namespace portunus::net
