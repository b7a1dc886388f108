// The streams of a publisher, read from the SDP answer the core built for
// its offer: per m-line its mid, kind, negotiated codec, whether it is
// simulcast (rids) and whether it was rejected (port 0) or carries nothing
// towards us.
#pragma once

#include "media_kind.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace portunus::sfu {

struct AnswerStream {
    uint32_t mindex = 0;
    std::string mid;
    MediaKind kind = MediaKind::data;
    std::string codec; // lower case, e.g. "vp8"; "" for data or none
    bool simulcast = false;
    bool disabled = false; // port 0 or inactive/sendonly on our side
};

std::vector<AnswerStream> answerStreams(std::string_view sdp);

} // namespace portunus::sfu
