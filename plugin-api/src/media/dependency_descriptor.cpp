#include "portunus/media/dependency_descriptor.hpp"

#include "byte_reader.hpp"

namespace portunus::media {

namespace {

using detail::BitReader;

constexpr int kMaxSpatialId = 3;
constexpr int kMaxTemporalId = 7;

// template_layers(): each template's layer, in the order the templates come.
bool readTemplateLayers(BitReader &r, DependencyStructure &s) {
    enum : uint32_t { kSameLayer, kNextTemporal, kNextSpatial, kNoMoreTemplates };
    uint8_t spatial = 0, temporal = 0;
    for (int count = 0;; ) {
        if (count == DependencyStructure::kMaxTemplates) return false;
        s.spatial_id[count] = spatial;
        s.temporal_id[count] = temporal;
        s.template_count = uint8_t(++count);
        const uint32_t next = r.bits(2);
        if (!r.ok()) return false;
        if (next == kNoMoreTemplates) return true;
        if (next == kNextTemporal && ++temporal > kMaxTemporalId) return false;
        if (next == kNextSpatial) {
            temporal = 0;
            if (++spatial > kMaxSpatialId) return false;
        }
    }
}

// template_dependency_structure(); only the layers and the counts the frame
// fields depend on are kept, the rest is read past.
bool readStructure(BitReader &r, DependencyStructure &s) {
    s.template_id_offset = uint8_t(r.bits(6));
    s.decode_targets = uint8_t(r.bits(5) + 1);
    if (!readTemplateLayers(r, s)) return false;
    for (int t = 0; t < s.template_count; ++t) // template_dtis()
        for (int dt = 0; dt < s.decode_targets; ++dt) r.bits(2);
    for (int t = 0; t < s.template_count && r.ok(); ++t) // template_fdiffs()
        while (r.flag()) r.bits(4);
    s.chains = uint8_t(r.nonSymmetric(s.decode_targets + 1u)); // template_chains()
    if (s.chains > 0) {
        for (int dt = 0; dt < s.decode_targets; ++dt) r.nonSymmetric(s.chains);
        for (int t = 0; t < s.template_count; ++t)
            for (int c = 0; c < s.chains; ++c) r.bits(4);
    }
    if (r.flag()) // render_resolutions(): one per spatial layer
        for (int sid = 0; sid <= s.spatial_id[s.template_count - 1]; ++sid) r.bits(32);
    s.valid = r.ok();
    return s.valid;
}

} // namespace

std::optional<DependencyDescriptor> parseDependencyDescriptor(std::span<const uint8_t> value,
                                                              DependencyStructure *structure) {
    if (value.size() < 3) return std::nullopt;
    BitReader r(value);
    DependencyDescriptor d{};
    d.start_of_frame = r.flag();
    d.end_of_frame = r.flag();
    d.template_id = uint8_t(r.bits(6));
    d.frame_number = uint16_t(r.bits(16));
    bool active_decode_targets = false, custom_dtis = false, custom_fdiffs = false, custom_chains = false;
    DependencyStructure attached;
    if (value.size() > 3) {
        d.has_structure = r.flag();
        active_decode_targets = r.flag();
        custom_dtis = r.flag();
        custom_fdiffs = r.flag();
        custom_chains = r.flag();
        if (d.has_structure && !readStructure(r, attached)) return std::nullopt;
    }
    const DependencyStructure *s = d.has_structure ? &attached : structure;
    if (s == nullptr || !s->valid) return d; // the rest needs a structure

    if (active_decode_targets) r.bits(s->decode_targets);
    const int index = (d.template_id + DependencyStructure::kMaxTemplates - s->template_id_offset) %
                      DependencyStructure::kMaxTemplates;
    if (index >= s->template_count) return std::nullopt;
    d.spatial_id = s->spatial_id[index];
    d.temporal_id = s->temporal_id[index];
    d.has_layer_ids = true;
    if (custom_dtis)
        for (int dt = 0; dt < s->decode_targets; ++dt) r.bits(2);
    if (custom_fdiffs) // frame_fdiffs(): a 2-bit size (in nibbles) before each, 0 ends
        for (uint32_t size = r.bits(2); size != 0 && r.ok(); size = r.bits(2)) r.bits(4 * size);
    if (custom_chains)
        for (int c = 0; c < s->chains; ++c) r.bits(8);
    if (!r.ok()) return std::nullopt;
    if (d.has_structure && structure != nullptr) *structure = attached;
    return d;
}

} // namespace portunus::media
