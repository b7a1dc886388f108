// The chat plugin's error codes. 411-423 and 499 are Janus textroom's, so
// textroom clients read them unchanged; 440 and up are the chat plugin's own.
// Every code is stable: clients may switch on it.
#pragma once

#include <stdexcept>
#include <string>

namespace portunus::chat {

enum ErrorCode : int {
    kNoMessage = 411,
    kInvalidJson = 412,
    kMissingElement = 413,
    kInvalidElement = 414,
    kInvalidRequest = 415,
    kAlreadySetup = 416,
    kNoSuchRoom = 417,
    kRoomExists = 418,
    kUnauthorized = 419,
    kUsernameExists = 420,
    kAlreadyInRoom = 421,
    kNotInRoom = 422,
    kNoSuchUser = 423,
    kMessageTooLarge = 440,
    kInvalidUtf8 = 441,
    kRateLimited = 442,
    kRoomFull = 443,
    kMuted = 444,
    kBanned = 445,
    kNoSuchMessage = 446,
    kNotAuthor = 447,
    kStorageFailed = 448,
    kNoChatPermission = 449, // the handle's join ticket does not grant "chat"
    kTimedOut = 450,         // the core's moderation has the ticket's user timed out in the channel
    kUnknownError = 499,
};

// The one exception of the control plane: thrown where a request is refused,
// caught where it is dispatched and turned into an error reply.
class ChatError : public std::runtime_error {
public:
    ChatError(int code, const std::string &reason) : std::runtime_error(reason), code_(code) {}
    int code() const { return code_; }

private:
    int code_;
};

} // namespace portunus::chat
