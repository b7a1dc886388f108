// The text of a=rid (RFC 8851) and a=simulcast (RFC 8853) values, both ways.
#pragma once

#include <string>
#include <string_view>

#include "sdp/attributes.hpp"

namespace portunus::sdp {

// rid-id: 1*(ALPHA / DIGIT / "-" / "_"), at most 255 characters.
bool isValidRidId(std::string_view id);

// "h send pt=96,97;max-width=1280" -> Rid. On failure returns false and says why.
bool parseRid(std::string_view value, Rid &out, std::string &error);
std::string formatRid(const Rid &rid);

// "send h;m;~l recv a,b" -> Simulcast. Also reads the draft form "send rid=h;m;l".
bool parseSimulcast(std::string_view value, Simulcast &out, std::string &error);
std::string formatSimulcast(const Simulcast &simulcast);

} // namespace portunus::sdp
