// PresenceTickets: with join tickets a presence handle is the ticket's
// user_uid. It tracks as that user without naming one, and a track naming
// anyone else is refused (429) and changes nothing.
#include "presence_client.hpp"

#include "support/join_ticket.hpp"

#include <gtest/gtest.h>

namespace portunus::test {
namespace {

TEST(PresenceTickets, AHandleIsItsTicketsUserAndCannotImpersonate) {
    ServerOptions o;
    o.plugin_configs = {{"presence", presenceConfig("")}};
    o.overrides = ticketAuthConfig();
    ServerProcess server(o);
    PresenceClient ann(server, makeTicket({.user_uid = "ann"}));
    EXPECT_EQ(ann.sendExpectingError(R"({"request":"track","scope":"room:1","user":"eve"})"), 429);
    ann.send(R"({"request":"track","scope":"room:1"})");

    PresenceClient watcher(server, makeTicket({.user_uid = "bob"}));
    Json list = watcher.send(R"({"request":"list","scope":"room:1"})");
    ASSERT_EQ(list.size("/members"), 1u) << list;
    EXPECT_EQ(list.str("/members/0/user"), "ann");
    EXPECT_EQ(watcher.sendExpectingError(R"({"request":"track","scope":"room:1","user":"ann"})"), 429);
}

} // namespace
} // namespace portunus::test
