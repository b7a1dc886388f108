// ChannelLimits: with join tickets, a channel holds at most
// limits.max_participants_per_channel participants (a user on a device,
// however many handles) and a participant sends at most
// limits.max_tracks_per_participant tracks; refusals have codes 488 and 489
// and are counted in /metrics.
#include "support/http_client.hpp"
#include "support/janus_client.hpp"
#include "support/join_ticket.hpp"
#include "support/server_process.hpp"
#include "support/webrtc_client.hpp"

#include <gtest/gtest.h>

namespace portunus::test {
namespace {

ServerOptions ticketServer(const std::string &limits) {
    ServerOptions options;
    options.overrides = Json()
                            .setRaw("auth", ticketAuthObject())
                            .setRaw("limits", limits)
                            .setRaw("media", R"({"ice": {"interfaces": ["127.0.0.1"]}})")
                            .text();
    return options;
}

Json attachAs(JanusClient &client, uint64_t session, const std::string &user, const std::string &device) {
    TicketFields fields;
    fields.user_uid = user;
    fields.device_id = device;
    return client.request(janusRequest("attach").set("plugin", "janus.plugin.echotest").set("ticket", makeTicket(fields)),
                          session);
}

std::string metricsText(const ServerProcess &server) {
    HttpOptions auth;
    auth.headers["Authorization"] = std::string("Bearer ") + ServerProcess::kAdminSecret;
    return httpRequest(server.adminHttpPort(), "GET", "/metrics", "", kEventTimeout, auth).body;
}

TEST(ChannelLimits, AFullChannelRefusesNewParticipantsButNotNewHandles) {
    ServerProcess server(ticketServer(R"({"max_participants_per_channel": 2})"));
    auto client = JanusClient::connect(Transport::http, server);
    uint64_t session = client->createSession();
    ASSERT_EQ(attachAs(*client, session, "ann", "laptop").janus(), "success");
    ASSERT_EQ(attachAs(*client, session, "ann", "laptop").janus(), "success"); // a second handle of ann's
    Json bob = attachAs(*client, session, "bob", "phone");
    ASSERT_EQ(bob.janus(), "success") << bob;
    Json carol = attachAs(*client, session, "carol", "phone");
    EXPECT_EQ(carol.janus(), "error") << carol;
    EXPECT_EQ(carol.errorCode(), 488) << carol;
    EXPECT_EQ(attachAs(*client, session, "ann", "laptop").janus(), "success");

    Json detached = client->request(janusRequest("detach"), session, bob.u64("/data/id"));
    ASSERT_EQ(detached.janus(), "success") << detached;
    EXPECT_EQ(attachAs(*client, session, "carol", "phone").janus(), "success");
    std::string metrics = metricsText(server);
    EXPECT_NE(metrics.find("rtc_rate_limit_refusals_total{limit=\"channel_participants\"} 1\n"), std::string::npos) << metrics;
    EXPECT_NE(metrics.find("rtc_join_fail_total{reason=\"channel_full\"} 1\n"), std::string::npos) << metrics;
}

TEST(ChannelLimits, AParticipantSendsNoMoreTracksThanAllowed) {
    ServerProcess server(ticketServer(R"({"max_tracks_per_participant": 1})"));
    ClientOptions options;
    options.ticket = makeTicket();
    WebRtcClient audio_and_video(options); // offers one audio and one video track
    try {
        audio_and_video.connect(server.clientWsPort());
        FAIL() << "an offer of two tracks was accepted";
    } catch (const std::runtime_error &e) {
        EXPECT_NE(std::string(e.what()).find("\"code\":489"), std::string::npos) << e.what();
    }
    EXPECT_NE(metricsText(server).find("rtc_rate_limit_refusals_total{limit=\"participant_tracks\"} 1\n"), std::string::npos);

    ServerProcess roomier(ticketServer(R"({"max_tracks_per_participant": 2})"));
    WebRtcClient fits(options);
    fits.connect(roomier.clientWsPort());
    EXPECT_TRUE(fits.stats().up);
}

} // namespace
} // namespace portunus::test
