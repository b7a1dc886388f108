// The small closed sets of SDP values (media kind, direction, DTLS setup role)
// and their text forms.
#pragma once

#include <optional>
#include <string_view>

namespace portunus::sdp {

// The m= line's <media> token. Anything else ("text", "message") is Other and
// keeps its token in MediaSection::otherMedia.
enum class MediaKind { Audio, Video, Application, Other };

// a=sendrecv / sendonly / recvonly / inactive (RFC 8866 §6.7), from the point of
// view of the side that wrote the description.
enum class Direction { SendRecv, SendOnly, RecvOnly, Inactive };

// a=setup (RFC 4145 / 8842): who opens the DTLS connection.
enum class Setup { ActPass, Active, Passive, HoldConn };

std::string_view toString(MediaKind kind); // "other" for Other
std::string_view toString(Direction direction);
std::string_view toString(Setup setup);

MediaKind parseMediaKind(std::string_view token);
std::optional<Direction> parseDirection(std::string_view token);
std::optional<Setup> parseSetup(std::string_view token);

inline bool sends(Direction d) { return d == Direction::SendRecv || d == Direction::SendOnly; }
inline bool receives(Direction d) { return d == Direction::SendRecv || d == Direction::RecvOnly; }
Direction makeDirection(bool send, bool receive);

// The direction the other side has when this side has `d` (sendonly <-> recvonly).
Direction reverse(Direction d);

// What both allow: sendrecv ∩ recvonly = recvonly, sendonly ∩ recvonly = inactive.
Direction intersect(Direction a, Direction b);

} // namespace portunus::sdp
