// The value types of the SDP lines and attributes Portunus understands
// (RFC 8866 syntax plus the WebRTC attributes of RFC 8829/8839/8842/8843/
// 8851/8853/8285/4588/5576/8841). Each is what one line says; MediaSection
// and SessionDescription hold lists of them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sdp/enums.hpp"

namespace portunus::sdp {

// o=<username> <sess-id> <sess-version> IN <addrtype> <address>
struct Origin {
    std::string username = "-";
    std::string sessionId = "0"; // digits; kept as text since peers use up to 20+ digits
    uint64_t sessionVersion = 0;
    std::string netType = "IN";
    std::string addrType = "IP4";
    std::string address = "127.0.0.1";
    bool operator==(const Origin &) const = default;
};

// c=IN IP4 0.0.0.0 (the address may carry /ttl or /count; kept as written).
struct Connection {
    std::string netType = "IN";
    std::string addrType = "IP4";
    std::string address = "0.0.0.0";
    bool operator==(const Connection &) const = default;
};

// b=AS:1000, b=TIAS:1000000.
struct Bandwidth {
    std::string type;
    uint64_t value = 0;
    bool operator==(const Bandwidth &) const = default;
};

// A line of a type Portunus does not interpret (i=, u=, e=, p=, z=, k=, r=, ...).
struct OtherLine {
    char type = 'x';
    std::string value;
    bool operator==(const OtherLine &) const = default;
};

// Any a= attribute not modelled below, kept in order: a=name or a=name:value.
struct Attribute {
    std::string name;
    std::optional<std::string> value;
    bool operator==(const Attribute &) const = default;
};

// a=group:BUNDLE 0 1 2
struct Group {
    std::string semantics;
    std::vector<std::string> mids;
    bool operator==(const Group &) const = default;
};

// a=fingerprint:sha-256 AB:CD:...
struct Fingerprint {
    std::string hashFunction; // lower case as written, e.g. "sha-256"
    std::string value;        // upper-case hex pairs separated by ':'
    bool operator==(const Fingerprint &) const = default;
};

// a=rtpmap:<pt> <encoding>/<clock rate>[/<channels>]
struct Rtpmap {
    int payloadType = 0;
    std::string encoding; // as written: "opus", "VP8", "H264", "rtx"
    uint32_t clockRate = 0;
    uint32_t channels = 0; // 0 = not given (1 for audio)
    bool operator==(const Rtpmap &) const = default;
};

// a=fmtp:<pt> <parameters>
struct Fmtp {
    int payloadType = 0;
    std::string parameters; // raw text, e.g. "minptime=10;useinbandfec=1"

    // "a=b;c=d" -> {a,b},{c,d}; a piece without '=' ("111/111") gives {piece, ""}.
    std::vector<std::pair<std::string, std::string>> parameterList() const;
    // Value of `key` (case-insensitive), if present.
    std::optional<std::string> parameter(std::string_view key) const;
    bool operator==(const Fmtp &) const = default;
};

// a=rtcp-fb:<pt>|* <type> [<parameter>]
struct RtcpFb {
    static constexpr int kAllPayloadTypes = -1; // "*"
    int payloadType = kAllPayloadTypes;
    std::string type;      // "nack", "ccm", "goog-remb", "transport-cc"
    std::string parameter; // "pli", "fir" or empty
    bool operator==(const RtcpFb &) const = default;
};

// a=extmap:<id>[/<direction>] <uri> [<attributes>]  (RFC 8285)
struct Extmap {
    int id = 0; // 1-255
    std::optional<Direction> direction;
    std::string uri;
    std::string attributes;
    bool operator==(const Extmap &) const = default;
};

// a=ssrc:<ssrc> <attribute>[:<value>]  (RFC 5576), one per line, in order.
struct SsrcAttribute {
    uint32_t ssrc = 0;
    std::string attribute; // "cname", "msid", ... (empty for a bare a=ssrc:<ssrc>)
    std::optional<std::string> value;
    bool operator==(const SsrcAttribute &) const = default;
};

// a=ssrc-group:<semantics> <ssrc>...  (FID = media + RTX, SIM = simulcast layers, FEC-FR)
struct SsrcGroup {
    std::string semantics;
    std::vector<uint32_t> ssrcs;
    bool operator==(const SsrcGroup &) const = default;
};

// a=msid:<stream id> [<track id>]  (RFC 8830; "-" means no stream)
struct Msid {
    std::string stream;
    std::string track;
    bool operator==(const Msid &) const = default;
};

enum class RidDirection { Send, Recv };

// a=rid:<id> send|recv [pt=<pt>,...;][<restriction>=<value>;...]  (RFC 8851)
struct Rid {
    std::string id;
    RidDirection direction = RidDirection::Send;
    std::vector<int> payloadTypes;                                 // from pt=, empty if not restricted
    std::vector<std::pair<std::string, std::string>> restrictions; // max-width=1280, ... (not pt)
    bool operator==(const Rid &) const = default;
};

// One rid inside a=simulcast, '~' prefix = paused.
struct SimulcastRid {
    std::string id;
    bool paused = false;
    bool operator==(const SimulcastRid &) const = default;
};

// One simulcast stream: its alternative rids ("h,h2" = two formats for one layer).
using SimulcastStream = std::vector<SimulcastRid>;

// a=simulcast:send h;m;l recv x  (RFC 8853)
struct Simulcast {
    std::vector<SimulcastStream> send;
    std::vector<SimulcastStream> recv;
    bool operator==(const Simulcast &) const = default;
};

// Legacy a=sctpmap:<port> <protocol> <streams> (draft-ietf-mmusic-sctp-sdp-05).
struct Sctpmap {
    uint32_t port = 0;
    std::string protocol;
    uint32_t streams = 0; // 0 = not given
    bool operator==(const Sctpmap &) const = default;
};

} // namespace portunus::sdp
