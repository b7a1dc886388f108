// The RTP dependency descriptor header extension (AV1 RTP payload format,
// appendix A; also sent with VP8/VP9/H264 by libwebrtc for SVC), read just
// far enough for forwarding decisions: start/end of frame, frame number and,
// with a template dependency structure, the frame's spatial and temporal ids.
// Frame dependencies, decode target indications and chains are checked for
// length but not kept. No allocation, no exceptions; bounds-checked.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace portunus::media {

// The part of a template dependency structure that gives each template its
// layer. A keyframe's descriptor carries the structure; later descriptors only
// name a template, so keep the last structure per stream and pass it in.
struct DependencyStructure {
    static constexpr int kMaxTemplates = 64;

    bool valid = false;
    uint8_t template_id_offset = 0;
    uint8_t template_count = 0;
    uint8_t decode_targets = 0;
    uint8_t chains = 0;
    uint8_t spatial_id[kMaxTemplates] = {};
    uint8_t temporal_id[kMaxTemplates] = {};
};

struct DependencyDescriptor {
    bool start_of_frame;
    bool end_of_frame;
    uint8_t template_id; // frame_dependency_template_id
    uint16_t frame_number;
    bool has_structure; // this descriptor carries a template dependency structure
    bool has_layer_ids; // spatial_id and temporal_id are known
    uint8_t spatial_id;
    uint8_t temporal_id;
};

// Parses the extension's value. `structure` (optional, in/out): the stream's
// last structure, used to resolve the frame's template when the value carries
// none; replaced by the value's own structure when it has one and parses.
// Without any structure only the mandatory fields are read (has_layer_ids
// false). nullopt when the value is truncated or names a template the
// structure does not have.
std::optional<DependencyDescriptor> parseDependencyDescriptor(std::span<const uint8_t> value,
                                                              DependencyStructure *structure = nullptr);

} // namespace portunus::media
