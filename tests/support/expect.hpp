// gtest predicates for Janus replies: EXPECT_TRUE(isReply(reply, "ack", tx)),
// EXPECT_TRUE(isError(reply, 458, tx)). On failure they print the whole reply.
#pragma once

#include "support/json.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace portunus::test {

// reply.janus == kind and, when given, reply.transaction == transaction.
::testing::AssertionResult isReply(const Json &reply, const std::string &kind,
                                   const std::optional<std::string> &transaction = std::nullopt);
// A Janus error with this code and a reason, echoing `transaction` when given.
::testing::AssertionResult isError(const Json &reply, int code,
                                   const std::optional<std::string> &transaction = std::nullopt);

} // namespace portunus::test
