// The sfu plugin's error codes: Janus videoroom's numbers (421-437, 499) so
// existing clients read them unchanged, and Portunus's own from 438 for the
// limits Janus does not have. Control-plane code throws SfuError; the request
// dispatcher turns it into the Janus-style error event or reply.
#pragma once

#include <stdexcept>
#include <string>

namespace portunus::sfu {

enum ErrorCode : int {
    kErrorUnknown = 499,
    kErrorNoMessage = 421,
    kErrorInvalidJson = 422,
    kErrorInvalidRequest = 423,
    kErrorJoinFirst = 424,
    kErrorAlreadyJoined = 425,
    kErrorNoSuchRoom = 426,
    kErrorRoomExists = 427,
    kErrorNoSuchFeed = 428,
    kErrorMissingElement = 429,
    kErrorInvalidElement = 430,
    kErrorInvalidSdpType = 431,
    kErrorPublishersFull = 432,
    kErrorUnauthorized = 433,
    kErrorAlreadyPublished = 434,
    kErrorNotPublished = 435,
    kErrorIdExists = 436,
    kErrorInvalidSdp = 437,
    // Portunus additions.
    kErrorRoomLocked = 438,
    kErrorBanned = 439,
    kErrorTooManyStreams = 440,
    kErrorWrongChannel = 441, // the handle's join ticket is for another room
    kErrorTimedOut = 442,     // the core's moderation has the ticket's user timed out: no publishing
};

class SfuError : public std::runtime_error {
public:
    SfuError(int code, const std::string &what) : std::runtime_error(what), code_(code) {}
    int code() const { return code_; }

private:
    int code_;
};

} // namespace portunus::sfu
