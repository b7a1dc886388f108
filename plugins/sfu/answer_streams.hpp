// The streams of a publisher, read from its SDP offer or from the answer the
// core built for it: per m-line its mid, kind, (negotiated) codec, whether it
// is simulcast (rids) and whether it was rejected (port 0) or carries nothing
// towards us — which the direction attribute says from the writer's side.
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
    bool disabled = false; // port 0, inactive, or the writer does not send towards us
};

enum class Writer { us, peer }; // who wrote the description

std::vector<AnswerStream> answerStreams(std::string_view sdp, Writer writer);

} // namespace portunus::sfu
