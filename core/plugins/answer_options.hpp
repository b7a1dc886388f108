// The JSON a plugin gives host->sdp_answer, read into the answerer's options:
//   {"audio": {"codecs": ["opus"]},            codecs in preference order
//    "video": {"codecs": ["vp8", "h264"]},      (names as in rtpmap)
//    "data": true,                              accept data channels
//    "direction": "sendrecv",                   the plugin's side, every section
//    "sections": {"<mid>": {"accept": false, "direction": "recvonly"}}}
// Every key is optional; the defaults accept Opus, VP8, VP9, H.264, AV1 and data.
#pragma once

#include "sdp/answerer.hpp"

#include <string>
#include <string_view>

namespace portunus {

bool answerOptionsFromJson(std::string_view json, sdp::AnswerOptions &out, std::string &error);

} // namespace portunus
