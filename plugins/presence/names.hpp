// What a user id and a scope name may be. Scopes are "<kind>:<id>" with a
// configured kind ("room:42", "tenant:acme"). Neither may hold control
// characters, so they are safe in logs and as parts of internal keys.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace portunus::presence {

inline constexpr size_t kMaxNameLength = 128;

bool validUser(std::string_view user);
bool validScope(std::string_view scope, const std::vector<std::string> &kinds);

} // namespace portunus::presence
