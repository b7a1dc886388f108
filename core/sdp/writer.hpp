// write(): SessionDescription -> SDP text with \r\n line endings, lines and
// attributes in the order Chromium emits them (unknown attributes of a section
// after a=rtcp-rsize, in their original order). parse(write(d)) == d for any d
// that parse() produced.
#pragma once

#include <string>

#include "sdp/session_description.hpp"

namespace portunus::sdp {

std::string write(const SessionDescription &description);

// Puts the lists whose order write() fixes into that order (stable otherwise):
// payload-type lines (rtpmap, rtcp-fb, fmtp) follow the m= line, i=/u=/e=/p=
// lines come before the other unknown lines. parse() calls it, so that
// parse(write(d)) == d.
void sortIntoWriteOrder(SessionDescription &description);

} // namespace portunus::sdp
