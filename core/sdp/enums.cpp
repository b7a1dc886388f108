#include "sdp/enums.hpp"

namespace portunus::sdp {

std::string_view toString(MediaKind kind) {
    switch (kind) {
    case MediaKind::Audio:
        return "audio";
    case MediaKind::Video:
        return "video";
    case MediaKind::Application:
        return "application";
    case MediaKind::Other:
        break;
    }
    return "other";
}

std::string_view toString(Direction direction) {
    switch (direction) {
    case Direction::SendRecv:
        return "sendrecv";
    case Direction::SendOnly:
        return "sendonly";
    case Direction::RecvOnly:
        return "recvonly";
    case Direction::Inactive:
        break;
    }
    return "inactive";
}

std::string_view toString(Setup setup) {
    switch (setup) {
    case Setup::ActPass:
        return "actpass";
    case Setup::Active:
        return "active";
    case Setup::Passive:
        return "passive";
    case Setup::HoldConn:
        break;
    }
    return "holdconn";
}

MediaKind parseMediaKind(std::string_view token) {
    if (token == "audio") return MediaKind::Audio;
    if (token == "video") return MediaKind::Video;
    if (token == "application") return MediaKind::Application;
    return MediaKind::Other;
}

std::optional<Direction> parseDirection(std::string_view token) {
    if (token == "sendrecv") return Direction::SendRecv;
    if (token == "sendonly") return Direction::SendOnly;
    if (token == "recvonly") return Direction::RecvOnly;
    if (token == "inactive") return Direction::Inactive;
    return std::nullopt;
}

std::optional<Setup> parseSetup(std::string_view token) {
    if (token == "actpass") return Setup::ActPass;
    if (token == "active") return Setup::Active;
    if (token == "passive") return Setup::Passive;
    if (token == "holdconn") return Setup::HoldConn;
    return std::nullopt;
}

Direction makeDirection(bool send, bool receive) {
    if (send && receive) return Direction::SendRecv;
    if (send) return Direction::SendOnly;
    if (receive) return Direction::RecvOnly;
    return Direction::Inactive;
}

Direction reverse(Direction d) { return makeDirection(receives(d), sends(d)); }

Direction intersect(Direction a, Direction b) {
    return makeDirection(sends(a) && sends(b), receives(a) && receives(b));
}

} // namespace portunus::sdp
