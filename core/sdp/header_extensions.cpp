#include "sdp/header_extensions.hpp"

namespace portunus::sdp {

std::vector<std::string> supportedHeaderExtensions() {
    using namespace extension_uri;
    return {
        std::string(kMid),         std::string(kRid),        std::string(kRepairedRid),     std::string(kAbsSendTime),
        std::string(kTransportCc), std::string(kAudioLevel), std::string(kVideoOrientation)};
}

HeaderExtensionIds headerExtensionIds(const MediaSection &m) {
    auto id = [&](std::string_view uri) {
        const Extmap *e = m.extmap(uri);
        return e ? e->id : 0;
    };
    using namespace extension_uri;
    return {id(kMid),         id(kRid),        id(kRepairedRid),     id(kAbsSendTime),
            id(kTransportCc), id(kAudioLevel), id(kVideoOrientation)};
}

} // namespace portunus::sdp
