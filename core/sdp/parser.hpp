// parse(): SDP text -> SessionDescription.
//
// Accepts \r\n or \n line endings, skips empty lines, keeps unknown lines and
// attributes. Strict where meaning matters: the m= line, numbers, payload types
// (0-127), extmap ids (1-255), ports, ICE credentials, fingerprints, mids
// (unique), rids and simulcast. Input beyond the limits below is an error.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "sdp/session_description.hpp"

namespace portunus::sdp {

struct ParseLimits {
    static constexpr size_t kMaxBytes = 256 * 1024;
    static constexpr size_t kMaxLineLength = 4096;
    static constexpr size_t kMaxMediaSections = 64;
    static constexpr size_t kMaxAttributesPerSection = 1000; // also for the session level
};

// Parses `text` into `out` (replacing what it held). On failure returns false and
// sets `error` to "line <n>: <what is wrong>" (or a size error without a line).
bool parse(std::string_view text, SessionDescription &out, std::string &error);

} // namespace portunus::sdp
