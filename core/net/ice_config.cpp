#include "net/ice_config.hpp"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>

#include <algorithm>

namespace portunus::net {

namespace {
bool listed(const std::vector<std::string> &list, const std::string &name, const std::string &address) {
    return std::find(list.begin(), list.end(), name) != list.end() ||
           std::find(list.begin(), list.end(), address) != list.end();
}
} // namespace

std::vector<std::string> resolveInterfaces(const std::vector<std::string> &allow, const std::vector<std::string> &deny,
                                           bool ipv6, std::string &error) {
    std::vector<std::string> out;
    ifaddrs *list = nullptr;
    if (getifaddrs(&list) != 0) {
        error = "cannot list network interfaces";
        return out;
    }
    for (ifaddrs *i = list; i; i = i->ifa_next) {
        if (!i->ifa_addr || !(i->ifa_flags & IFF_UP)) continue;
        int family = i->ifa_addr->sa_family;
        if (family != AF_INET && !(ipv6 && family == AF_INET6)) continue;
        char buf[INET6_ADDRSTRLEN] = "";
        const void *addr = family == AF_INET ? static_cast<const void *>(&reinterpret_cast<sockaddr_in *>(i->ifa_addr)->sin_addr)
                                             : static_cast<const void *>(&reinterpret_cast<sockaddr_in6 *>(i->ifa_addr)->sin6_addr);
        inet_ntop(family, addr, buf, sizeof buf);
        std::string address = buf;
        if (family == AF_INET6 && address.rfind("fe80", 0) == 0) continue; // link-local needs a scope id
        bool loopback = i->ifa_flags & IFF_LOOPBACK;
        if (allow.empty() ? loopback : !listed(allow, i->ifa_name, address)) continue;
        if (listed(deny, i->ifa_name, address)) continue;
        if (std::find(out.begin(), out.end(), address) == out.end()) out.push_back(address);
    }
    freeifaddrs(list);
    if (out.empty())
        error = allow.empty() ? "no usable network interface is up"
                              : "no interface matches media.ice.interfaces (give names like eth0 or addresses)";
    return out;
}

} // namespace portunus::net
