#include "sdp/session_description.hpp"

namespace portunus::sdp {

const Group *SessionDescription::group(std::string_view semantics) const {
    for (const auto &g : groups)
        if (g.semantics == semantics) return &g;
    return nullptr;
}

const MediaSection *SessionDescription::findMid(std::string_view mid) const {
    for (const auto &m : media)
        if (!m.mid.empty() && m.mid == mid) return &m;
    return nullptr;
}

MediaSection *SessionDescription::findMid(std::string_view mid) {
    for (auto &m : media)
        if (!m.mid.empty() && m.mid == mid) return &m;
    return nullptr;
}

std::optional<std::string> SessionDescription::iceUfragOf(const MediaSection &m) const {
    return m.iceUfrag ? m.iceUfrag : iceUfrag;
}

std::optional<std::string> SessionDescription::icePwdOf(const MediaSection &m) const {
    return m.icePwd ? m.icePwd : icePwd;
}

const std::vector<std::string> &SessionDescription::iceOptionsOf(const MediaSection &m) const {
    return m.iceOptions.empty() ? iceOptions : m.iceOptions;
}

const std::vector<Fingerprint> &SessionDescription::fingerprintsOf(const MediaSection &m) const {
    return m.fingerprints.empty() ? fingerprints : m.fingerprints;
}

std::optional<Setup> SessionDescription::setupOf(const MediaSection &m) const { return m.setup ? m.setup : setup; }

} // namespace portunus::sdp
