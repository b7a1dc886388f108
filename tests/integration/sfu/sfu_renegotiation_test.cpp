// SfuRenegotiation: one offer at a time to a subscriber. Changes made while
// the subscriber has not answered go out together, in one offer, after the
// answer. Signaling only: the clients never complete ICE.
#include "sfu_client.hpp"

#include "sdp/answerer.hpp"
#include "sdp/parser.hpp"
#include "sdp/transport.hpp"
#include "sdp/writer.hpp"

#include <gtest/gtest.h>

namespace portunus::test {
namespace {

// What a browser would answer to the server's offer (recvonly, our own ICE/DTLS).
std::string answerTo(const Json &event) {
    sdp::SessionDescription offer;
    std::string error;
    if (!sdp::parse(event.str("/jsep/sdp"), offer, error)) throw std::runtime_error(error);
    sdp::AnswerOptions options;
    options.defaults.direction = sdp::Direction::RecvOnly;
    sdp::SessionDescription answer = sdp::answer(offer, options);
    sdp::TransportParams t;
    t.iceUfrag = "wxyz";
    t.icePwd = "abcdefghijklmnopqrstuvwx";
    t.fingerprint = {"sha-256", "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89"};
    t.setup = sdp::Setup::Active;
    sdp::setTransport(answer, t);
    return Json().set("type", "answer").set("sdp", sdp::write(answer)).text();
}

bool allInactive(const Json &updated, uint64_t feed) {
    for (const Json &s : updated.items("/streams"))
        if (s.has("/feed_id") && s.u64("/feed_id") == feed) return false; // still carried
    return true;
}

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

    Json started = viewer.async(request("start"), answerTo(attached));
    ASSERT_EQ(data(started).str("/started"), "ok") << started;
    // The first offer after the answer removes both feeds at once.
    Json updated = viewer.waitFor([](const Json &d) { return d.has("/videoroom") && d.str("/videoroom") == "updated"; });
    EXPECT_TRUE(allInactive(updated, 1) && allInactive(updated, 2)) << updated;
}

} // namespace
} // namespace portunus::test
