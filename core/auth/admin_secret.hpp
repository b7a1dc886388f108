// The admin secret check: constant time, so response timing leaks nothing.
#pragma once

#include <string_view>

namespace portunus::auth {

bool secretMatches(std::string_view given, std::string_view expected);

} // namespace portunus::auth
