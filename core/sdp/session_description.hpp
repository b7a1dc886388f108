// The model of an SDP session description as WebRTC uses it (RFC 8866 syntax,
// JSEP RFC 8829 semantics, unified plan): session-level fields and one
// MediaSection per m= line.
//
// core/sdp/ at a glance:
//   session_description, media_section, attributes, enums   the model
//   parser (+ attribute_parser, simulcast, text)             text -> model
//   writer                                                   model -> text
//   codecs, header_extensions, answerer                      offer -> answer
//   transport                                                our ICE/DTLS into a description
//   remote_media                                             what a PeerConnection needs from the remote
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sdp/attributes.hpp"
#include "sdp/media_section.hpp"

namespace portunus::sdp {

struct SessionDescription {
    uint32_t version = 0;          // v=
    Origin origin;                 // o=
    std::string sessionName = "-"; // s=
    uint64_t startTime = 0;        // t=<start> <stop>
    uint64_t stopTime = 0;
    std::optional<Connection> connection;
    std::vector<Bandwidth> bandwidths;

    std::vector<Group> groups;               // a=group:BUNDLE 0 1
    std::optional<std::string> msidSemantic; // a=msid-semantic: WMS <ids> (value after the ':' as written, trimmed)
    bool extmapAllowMixed = false;
    bool iceLite = false;
    // Session-level defaults for every media section that does not set its own.
    std::optional<std::string> iceUfrag;
    std::optional<std::string> icePwd;
    std::vector<std::string> iceOptions;
    std::vector<Fingerprint> fingerprints;
    std::optional<Setup> setup;
    std::optional<Direction> direction; // a session-level direction (rare); media sections inherit it
    std::vector<Extmap> extmaps;        // session-level a=extmap (RFC 8285 allows it)

    std::vector<OtherLine> otherLines;
    std::vector<Attribute> otherAttributes;

    std::vector<MediaSection> media;

    bool operator==(const SessionDescription &) const = default;

    // The first a=group with these semantics (BUNDLE), if any.
    const Group *group(std::string_view semantics) const;
    // The media section with this mid, or nullptr.
    const MediaSection *findMid(std::string_view mid) const;
    MediaSection *findMid(std::string_view mid);

    // ICE/DTLS values of a media section with the session-level fallback applied.
    std::optional<std::string> iceUfragOf(const MediaSection &m) const;
    std::optional<std::string> icePwdOf(const MediaSection &m) const;
    const std::vector<std::string> &iceOptionsOf(const MediaSection &m) const;
    const std::vector<Fingerprint> &fingerprintsOf(const MediaSection &m) const;
    std::optional<Setup> setupOf(const MediaSection &m) const;
};

} // namespace portunus::sdp
