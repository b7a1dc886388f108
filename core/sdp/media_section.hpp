// One m= section of a session description: its m= line and everything below it
// up to the next m= line. Attributes Portunus understands are fields; all
// others are kept in `otherAttributes`, in order, so a parsed section writes
// back out without losing anything.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sdp/attributes.hpp"
#include "sdp/enums.hpp"

namespace portunus::sdp {

struct MediaSection {
    // m=<media> <port>[/<count>] <protocol> <format>...
    MediaKind kind = MediaKind::Audio;
    std::string otherMedia; // the <media> token when kind is Other ("text")
    uint32_t port = 9;      // 0 = rejected (or bundle-only)
    std::optional<uint32_t> portCount;
    std::string protocol = "UDP/TLS/RTP/SAVPF";
    std::vector<std::string> formats; // payload types for RTP, "webrtc-datachannel" for SCTP

    std::optional<Connection> connection;
    std::vector<Bandwidth> bandwidths;
    std::optional<std::string> rtcp; // a=rtcp:9 IN IP4 0.0.0.0, kept as written

    std::string mid; // empty = no a=mid
    Direction direction = Direction::SendRecv;
    bool bundleOnly = false;

    // ICE and DTLS; when absent the session-level values apply.
    std::optional<std::string> iceUfrag;
    std::optional<std::string> icePwd;
    std::vector<std::string> iceOptions; // "trickle", "renomination"
    std::vector<Fingerprint> fingerprints;
    std::optional<Setup> setup;
    std::vector<std::string> candidates; // "candidate:1 1 udp 2122194687 192.0.2.1 5000 typ host"
    bool endOfCandidates = false;

    // RTP.
    bool rtcpMux = false;
    bool rtcpRsize = false;
    std::vector<Rtpmap> rtpmaps;
    std::vector<Fmtp> fmtps;
    std::vector<RtcpFb> rtcpFbs;
    std::vector<Extmap> extmaps;
    std::vector<Msid> msids;
    std::vector<SsrcAttribute> ssrcs;
    std::vector<SsrcGroup> ssrcGroups;
    std::vector<Rid> rids;
    std::optional<Simulcast> simulcast;

    // SCTP data channels (RFC 8841) and the legacy form.
    std::optional<uint32_t> sctpPort;
    std::optional<uint64_t> maxMessageSize;
    std::optional<Sctpmap> sctpmap;

    std::vector<OtherLine> otherLines; // i=, k= and unknown line types
    std::vector<Attribute> otherAttributes;

    bool operator==(const MediaSection &) const = default;

    // The m= <media> token ("audio", or otherMedia for Other).
    std::string media() const;
    bool isRtp() const;  // protocol carries RTP ("RTP/AVP", "UDP/TLS/RTP/SAVPF", ...)
    bool isSctp() const; // protocol ends in "SCTP" (data channels)
    bool rejected() const { return port == 0 && !bundleOnly; }

    const Rtpmap *rtpmap(int payloadType) const;
    const Fmtp *fmtp(int payloadType) const;
    std::vector<RtcpFb> rtcpFbFor(int payloadType) const; // its own lines and the "*" ones
    const Extmap *extmap(std::string_view uri) const;
    // The payload type of the RTX stream of `payloadType` (rtx rtpmap with apt=), if any.
    std::optional<int> rtxFor(int payloadType) const;
    // The formats of the m= line that are payload types, in order.
    std::vector<int> payloadTypes() const;
    // The value of a=ssrc:<ssrc> <attribute>:<value>, if present.
    std::optional<std::string> ssrcAttribute(uint32_t ssrc, std::string_view attribute) const;
    // Distinct SSRCs of the a=ssrc lines, in order of first appearance.
    std::vector<uint32_t> ssrcList() const;
    const Attribute *otherAttribute(std::string_view name) const;
};

} // namespace portunus::sdp
