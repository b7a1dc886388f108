// SfuTickets: a handle attached with a join ticket joins only the ticket's
// room and publishes only what its permissions allow (audio needs "speak",
// video "video").
#include "sfu_client.hpp"

#include "support/join_ticket.hpp"

#include <gtest/gtest.h>

namespace portunus::test {
namespace {

ServerOptions ticketSfu() { return sfuServer(R"({"enabled": true, "rooms": {"1234": {}, "5678": {}}})", ticketAuthConfig()); }

// The test offer with its video line disabled (port 0): audio only.
std::string audioOnlyOfferJsep() {
    Json jsep = Json::parse(SfuClient::offerJsep());
    std::string sdp = jsep.str("/sdp");
    size_t video = sdp.find("m=video 9 ");
    if (video == std::string::npos) throw std::runtime_error("no video line in the test offer: " + sdp);
    sdp.replace(video, 10, "m=video 0 ");
    return Json().set("type", "offer").set("sdp", sdp).text();
}

TEST(SfuTickets, SpeakWithoutVideoPublishesAudioOnly) {
    ServerProcess server(ticketSfu());
    SfuClient speaker(server, "janus.plugin.videoroom", makeTicket({.channel_id = "1234", .permissions = {"speak"}}));
    ASSERT_EQ(speaker.joinPublisher(1234, 1).str("/videoroom"), "joined");
    // The plugin's lines about the handle name who acts where (log_handle).
    EXPECT_TRUE(server.waitForLog(R"(\[portunus\.plugin\.sfu\] s=\d+ h=\d+ user=ann device=laptop channel=1234 publisher \d+ joined room 1234)"))
        << server.log();

    Json refused = data(speaker.async(request("publish"), SfuClient::offerJsep()));
    EXPECT_EQ(errorCode(refused), 433) << refused;
    EXPECT_NE(refused.str("/error").find("video"), std::string::npos) << refused;

    Json published = speaker.async(request("publish"), audioOnlyOfferJsep());
    Json configured = data(published);
    ASSERT_EQ(configured.str("/configured"), "ok") << published;
    ASSERT_EQ(configured.size("/streams"), 2u) << configured;
    EXPECT_EQ(configured.str("/streams/0/type"), "audio");
    EXPECT_FALSE(configured.has("/streams/0/disabled")) << configured;
    EXPECT_TRUE(configured.boolean("/streams/1/disabled")) << configured;
    EXPECT_TRUE(published.has("/jsep")) << published;
}

TEST(SfuTickets, VideoPermissionPublishesBoth) {
    ServerProcess server(ticketSfu());
    SfuClient presenter(server, "janus.plugin.videoroom", makeTicket({.permissions = {"speak", "video"}}));
    ASSERT_EQ(presenter.joinPublisher(1234, 1).str("/videoroom"), "joined");
    Json configured = data(presenter.async(request("publish"), SfuClient::offerJsep()));
    ASSERT_EQ(configured.str("/configured"), "ok") << configured;
    EXPECT_EQ(configured.size("/streams"), 2u) << configured;
}

TEST(SfuTickets, TicketForAnotherRoomIsRefused) {
    ServerProcess server(ticketSfu());
    SfuClient publisher(server, "janus.plugin.videoroom", makeTicket({.channel_id = "1234"}));
    Json refused = publisher.async(request("join").set("ptype", "publisher").set("room", 5678));
    EXPECT_EQ(errorCode(data(refused)), 441) << refused;
    EXPECT_EQ(publisher.joinPublisher(1234, 1).str("/videoroom"), "joined");

    SfuClient viewer(server, "janus.plugin.videoroom", makeTicket({.channel_id = "5678"}));
    Json subscribe = request("join").set("ptype", "subscriber").set("room", 1234).set("feed", 1);
    EXPECT_EQ(errorCode(data(viewer.async(subscribe))), 441);
}

} // namespace
} // namespace portunus::test
