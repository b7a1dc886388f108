// The JSON a plugin gives host->sdp_offer, read into the offerer's options:
//   {"streams": [{"mid": "0", "kind": "audio"|"video"|"data",
//                 "codec": "opus", "payload_type": 111, "fmtp": "minptime=10",
//                 "rtx_payload_type": 97, "msid": "<stream> <track>",
//                 "direction": "sendonly", "active": true}]}
// Unknown keys are refused, so a plugin's typo is an error, not a silent default.
#pragma once

#include "sdp/offerer.hpp"

#include <string>
#include <string_view>

namespace portunus {

bool offerOptionsFromJson(std::string_view json, sdp::OfferOptions &out, std::string &error);

} // namespace portunus
