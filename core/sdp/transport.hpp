// setTransport(): puts our side's ICE and DTLS parameters into a description
// (an answer from answer(), or an offer we build): ice-ufrag/pwd, ice-options
// trickle or session-level ice-lite, the certificate fingerprint, the DTLS role,
// our candidates, and the o= line's session id and version.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sdp/session_description.hpp"

namespace portunus::sdp {

struct TransportParams {
    std::string iceUfrag;
    std::string icePwd;
    bool iceLite = false;                   // a=ice-lite at session level
    bool trickle = true;                    // a=ice-options:trickle in each section
    Fingerprint fingerprint{"sha-256", ""}; // of our DTLS certificate; the value must be set
    Setup setup = Setup::Passive;
    std::vector<std::string> candidates; // "candidate:..." as in a=candidate, without "a="
    bool endOfCandidates = false;
    std::string sessionId = "0"; // o= session id (digits)
    uint64_t sessionVersion = 0; // o= session version; bump it on each new description
};

// The DTLS role an answer takes given the offer's (RFC 8842 §5.3): passive to an
// actpass or active offer (we are the DTLS server), active to a passive one.
Setup answeringSetup(const SessionDescription &offer);

// Writes `params` into every section that is not rejected (bundle-only ones too),
// replacing ICE/DTLS attributes it had, and sets the o= line. When there is a
// UDP candidate of component 1, the first one becomes the sections' default
// (m= port and c= address, JSEP §5.3.1); otherwise port 9 and c=IN IP4 0.0.0.0.
void setTransport(SessionDescription &description, const TransportParams &params);

} // namespace portunus::sdp
