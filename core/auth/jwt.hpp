// JSON Web Tokens signed with HS256 (RFC 7519 / RFC 7515 compact form), the
// form join tickets and integrators' session tokens take, so any JWT library
// can make them. Only HS256 is accepted: a token naming another algorithm
// (including "none") is malformed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace portunus::auth {

std::string base64UrlEncode(std::string_view bytes);
// nullopt when `text` holds a character outside the URL-safe alphabet or has an impossible length.
std::optional<std::string> base64UrlDecode(std::string_view text);
// Standard base64 with padding (TURN REST credentials).
std::string base64Encode(std::string_view bytes);

std::string hmacSha256(std::string_view key, std::string_view data);
std::string hmacSha1(std::string_view key, std::string_view data);

// header.payload.signature for `payload_json` (already JSON text).
std::string signJwt(std::string_view payload_json, std::string_view secret);

enum class JwtStatus { ok, malformed, bad_signature };
// Checks the form, the header's algorithm and the signature (constant time);
// on ok, `payload_json` is the decoded payload (not yet parsed).
JwtStatus verifyJwt(std::string_view token, std::string_view secret, std::string &payload_json);

} // namespace portunus::auth
