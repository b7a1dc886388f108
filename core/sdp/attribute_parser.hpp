// Reads the value of one a= attribute into its struct. Each function returns
// false and says what is wrong (without the line number, which the caller adds).
// Internal to core/sdp; parse() is the public entry point.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sdp/attributes.hpp"
#include "sdp/media_section.hpp"

namespace portunus::sdp::attr {

bool parseRtpmap(std::string_view value, Rtpmap &out, std::string &error);
bool parseFmtp(std::string_view value, Fmtp &out, std::string &error);
bool parseRtcpFb(std::string_view value, RtcpFb &out, std::string &error);
bool parseExtmap(std::string_view value, Extmap &out, std::string &error);
bool parseSsrc(std::string_view value, SsrcAttribute &out, std::string &error);
bool parseSsrcGroup(std::string_view value, SsrcGroup &out, std::string &error);
bool parseMsid(std::string_view value, Msid &out, std::string &error);
bool parseGroup(std::string_view value, Group &out, std::string &error);
bool parseFingerprint(std::string_view value, Fingerprint &out, std::string &error);
bool parseSctpmap(std::string_view value, Sctpmap &out, std::string &error);
// ice-ufrag (4-256 ice-chars) and ice-pwd (22-256), RFC 8839 §5.4.
bool parseIceCredential(std::string_view name, std::string_view value, size_t minLength, std::string &out,
                        std::string &error);
enum class Outcome { Handled, Unknown, Failed };

// An attribute of an RTP section: rtpmap, fmtp, rtcp-fb, ssrc, ssrc-group, rid,
// simulcast. Unknown for anything else. Rejects a second rtpmap/fmtp for one
// payload type, a rid declared twice and a second a=simulcast.
Outcome rtpAttribute(MediaSection &m, std::string_view name, std::string_view value, std::string &error);

// An attribute of an SCTP section: sctp-port, max-message-size, sctpmap (each once).
Outcome sctpAttribute(MediaSection &m, std::string_view name, std::string_view value, std::string &error);

// A mid (RFC 5888 token): 1-255 visible characters.
bool parseMid(std::string_view value, std::string &out, std::string &error);

} // namespace portunus::sdp::attr
