// What a PeerConnection needs to know about the remote side once an offer/answer
// exchange is complete: the ICE/DTLS parameters of the bundled transport, and for
// each accepted m= section its mid, kind, negotiated payload types, header
// extension ids, and the SSRCs and rids the remote will send.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sdp/header_extensions.hpp"
#include "sdp/session_description.hpp"

namespace portunus::sdp {

struct RemoteTransport {
    std::string mid; // the section the transport was read from (the BUNDLE tag)
    std::string iceUfrag;
    std::string icePwd;
    std::vector<std::string> iceOptions;
    bool iceLite = false;
    Fingerprint fingerprint; // sha-256 if offered, else the first
    std::optional<Setup> setup;
    std::vector<std::string> candidates; // of that section only (the others' die with BUNDLE)
    bool endOfCandidates = false;
    bool operator==(const RemoteTransport &) const = default;
};

// One RTP stream the remote sends: its SSRC and, from a=ssrc-group:FID, its RTX SSRC.
struct RemoteStream {
    uint32_t ssrc = 0;
    std::optional<uint32_t> rtxSsrc;
    std::string cname;
    bool operator==(const RemoteStream &) const = default;
};

struct RemoteSection {
    size_t index = 0; // position of the m= section
    std::string mid;
    MediaKind kind = MediaKind::Audio;
    Direction direction = Direction::SendRecv; // the remote's, as it wrote it
    // Negotiated codec (the answer's first format) and its RTX; unset for data channels.
    std::optional<int> payloadType;
    std::optional<int> rtxPayloadType;
    std::string codec; // encoding name, e.g. "opus", "VP8"
    uint32_t clockRate = 0;
    uint32_t channels = 0;
    HeaderExtensionIds extensions;     // as negotiated (the answer's ids)
    std::vector<RemoteStream> streams; // in a=ssrc-group:SIM order when present
    std::vector<std::string> rids;     // the remote's send rids, in a=simulcast order
    bool rtcpMux = false;
    bool rtcpRsize = false;
    std::optional<uint32_t> sctpPort;       // data channels: the remote's SCTP port
    std::optional<uint64_t> maxMessageSize; // data channels: the largest message the remote takes
    bool operator==(const RemoteSection &) const = default;
};

struct RemoteMedia {
    RemoteTransport transport;
    std::vector<RemoteSection> sections; // the accepted ones, in m= order
    bool operator==(const RemoteMedia &) const = default;
};

// The remote transport of section `mid` (with session-level fallbacks), or, when
// `mid` is empty, of the first mid of the remote's BUNDLE group that is not
// rejected (or its first non-rejected section if it has no BUNDLE group).
// nullopt if there is no such section or it lacks ice-ufrag, ice-pwd or a fingerprint.
std::optional<RemoteTransport> bundledTransport(const SessionDescription &remote, std::string_view mid = {});

// The summary of `remote` given the `answer` of the exchange (our answer when the
// remote offered; the remote description itself when it answered our offer).
// The transport is that of the answer's BUNDLE tag. nullopt if the two do not
// have the same m= sections or there is no usable transport.
std::optional<RemoteMedia> remoteMedia(const SessionDescription &remote, const SessionDescription &answer);

} // namespace portunus::sdp
