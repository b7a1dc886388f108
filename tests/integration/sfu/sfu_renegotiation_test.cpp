// SfuRenegotiation: one offer at a time to a subscriber. Changes made while
// the subscriber has not answered go out together, in one offer, after the
// answer. Signaling only: the clients never complete ICE.
#include "sfu_client.hpp"

#include <gtest/gtest.h>

namespace portunus::test {
namespace {

TEST(SfuRenegotiation, ChangesWhileAnOfferIsUnansweredGoOutTogetherAfterTheAnswer) {
    ServerProcess server(sfuServer(R"({"enabled": true, "rooms": {"5": {"publishers": 3}}})"));
    SfuClient alice(server), bob(server), viewer(server);
    alice.joinPublisher(5, 1);
    bob.joinPublisher(5, 2);
    ASSERT_EQ(data(alice.async(request("publish"), SfuClient::offerJsep())).str("/configured"), "ok");
    ASSERT_EQ(data(bob.async(request("publish"), SfuClient::offerJsep())).str("/configured"), "ok");

    Json attached = viewer.async(
        request("join").set("ptype", "subscriber").set("room", 5).setRaw("streams", R"([{"feed":1},{"feed":2}])"));
    ASSERT_EQ(data(attached).str("/videoroom"), "attached") << attached;
    ASSERT_EQ(attached.str("/jsep/type"), "offer");

    // Both publishers stop before the viewer answers the first offer.
    ASSERT_EQ(data(alice.async(request("unpublish"))).str("/unpublished"), "ok");
    ASSERT_EQ(data(bob.async(request("unpublish"))).str("/unpublished"), "ok");

    Json started = viewer.async(request("start"), subscriberAnswer(attached));
    ASSERT_EQ(data(started).str("/started"), "ok") << started;
    // The first offer after the answer removes both feeds at once.
    Json updated = viewer.waitFor([](const Json &d) { return d.has("/videoroom") && d.str("/videoroom") == "updated"; });
    EXPECT_TRUE(!carriesFeed(updated, 1) && !carriesFeed(updated, 2)) << updated;
}

} // namespace
} // namespace portunus::test
