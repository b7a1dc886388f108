// Safety nets, not synchronisation: every wait in these tests ends on an event
// (a log line, a message, a closed socket, a process exit). These bounds only
// turn a hang into a failure, so they are generous on purpose.
#pragma once

#include <chrono>

namespace portunus::test {

using namespace std::chrono_literals;

// Start-up, shutdown, and a whole one-shot command.
inline constexpr std::chrono::milliseconds kProcessTimeout = 30s;
// One request/answer, one awaited event or log line.
inline constexpr std::chrono::milliseconds kEventTimeout = 15s;

} // namespace portunus::test
