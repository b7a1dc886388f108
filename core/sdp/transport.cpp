#include "sdp/transport.hpp"

#include "sdp/text.hpp"

namespace portunus::sdp {

namespace {

// "candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type> ..."
// -> the c= and port of a UDP candidate of component 1 (not an mDNS name).
std::optional<std::pair<Connection, uint32_t>> defaultAddress(const std::string &candidate) {
    auto words = text::words(candidate);
    if (words.size() < 8 || words[1] != "1" || !text::iequals(words[2], "udp") || words[6] != "typ")
        return std::nullopt;
    auto port = text::number<uint32_t>(words[5], 65535);
    std::string_view address = words[4];
    if (!port || *port == 0 || address.ends_with(".local")) return std::nullopt;
    bool v6 = address.find(':') != std::string_view::npos;
    return std::pair{Connection{"IN", v6 ? "IP6" : "IP4", std::string(address)}, *port};
}

} // namespace

Setup answeringSetup(const SessionDescription &offer) {
    std::optional<Setup> offered;
    for (const auto &m : offer.media) {
        if (m.rejected()) continue;
        offered = offer.setupOf(m);
        break;
    }
    return offered == Setup::Passive ? Setup::Active : Setup::Passive;
}

void setTransport(SessionDescription &d, const TransportParams &params) {
    d.origin.sessionId = params.sessionId.empty() ? "0" : params.sessionId;
    d.origin.sessionVersion = params.sessionVersion;
    d.iceLite = params.iceLite;
    // Our values go into each section; session-level ones would be redundant.
    d.iceUfrag.reset();
    d.icePwd.reset();
    d.iceOptions.clear();
    d.fingerprints.clear();
    d.setup.reset();

    std::optional<std::pair<Connection, uint32_t>> address;
    for (const auto &c : params.candidates)
        if ((address = defaultAddress(c))) break;

    for (auto &m : d.media) {
        if (m.rejected()) continue;
        m.iceUfrag = params.iceUfrag;
        m.icePwd = params.icePwd;
        m.iceOptions.clear();
        if (params.trickle) m.iceOptions.push_back("trickle");
        m.fingerprints = {params.fingerprint};
        m.setup = params.setup;
        m.candidates = params.candidates;
        m.endOfCandidates = params.endOfCandidates;
        if (!m.bundleOnly) {
            m.port = address ? address->second : 9;
            m.connection = address ? address->first : Connection{};
        }
    }
}

} // namespace portunus::sdp
