// Metrics: GET /metrics on the admin port (bearer admin secret) during an
// echotest: the text parses with the Prometheus reference parser
// (prometheus_client), and sessions, handles, packets, the call setup
// histogram, join failures and limit refusals move as the call goes.
#include "support/http_client.hpp"
#include "support/janus_client.hpp"
#include "support/process.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "support/webrtc_client.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace portunus::test {
namespace {

// The families of one scrape, parsed by prometheus_client.
Json scrape(const ServerProcess &server) {
    HttpOptions auth;
    auth.headers["Authorization"] = std::string("Bearer ") + ServerProcess::kAdminSecret;
    HttpResult r = httpRequest(server.adminHttpPort(), "GET", "/metrics", "", kEventTimeout, auth);
    if (r.status != 200) throw std::runtime_error("/metrics answered " + std::to_string(r.status) + ": " + r.body);
    TempDir dir("portunus-metrics");
    auto file = dir.write("metrics.txt", r.body);
    ProcessResult parsed = runProcess({"/usr/bin/python3", PORTUNUS_PARSE_METRICS, file.string()});
    if (parsed.exit_code != 0) throw std::runtime_error("the Prometheus parser refused:\n" + parsed.err + "\n" + r.body);
    return Json::parse(parsed.out);
}

// The value of the sample `name` (with `label`="`value`" when given).
double value(const Json &families, const std::string &family, const std::string &name, const std::string &label = "",
             const std::string &label_value = "") {
    for (const Json &s : families.items("/" + family + "/samples")) {
        if (s.str("/0") != name) continue;
        if (!label.empty() && (!s.has("/1/" + label) || s.str("/1/" + label) != label_value)) continue;
        return s.find("/2")->GetDouble();
    }
    throw std::runtime_error("no sample " + name + " " + label + "=" + label_value + " in " + families.text());
}

TEST(Metrics, ScrapedDuringAnEchotest) {
    ServerOptions options;
    options.overrides = R"({"media": {"ice": {"interfaces": ["127.0.0.1"]}}, "limits": {"max_handles_per_session": 1}})";
    ServerProcess server(options);
    Json before = scrape(server);
    EXPECT_EQ(before.str("/rtc_call_setup_seconds/type"), "histogram");
    EXPECT_EQ(before.str("/rtc_packets_in/type"), "counter"); // the parser names counters without _total
    EXPECT_EQ(value(before, "rtc_sessions", "rtc_sessions"), 0);
    EXPECT_EQ(value(before, "rtc_call_setup_seconds", "rtc_call_setup_seconds_count"), 0);

    WebRtcClient client;
    client.connect(server.clientWsPort()); // create, attach echotest, offer: returns at DTLS up
    MediaOptions media;
    media.video_packets = 300;
    client.startMedia(media);
    ASSERT_TRUE(client.waitFor([](const ClientStats &s) { return s.video.received >= 300; }, kEventTimeout));

    Json during = scrape(server);
    EXPECT_EQ(value(during, "rtc_sessions", "rtc_sessions"), 1);
    EXPECT_EQ(value(during, "rtc_handles", "rtc_handles"), 1);
    EXPECT_EQ(value(during, "rtc_peer_connections", "rtc_peer_connections"), 1);
    EXPECT_EQ(value(during, "rtc_call_setup_seconds", "rtc_call_setup_seconds_count"), 1);
    EXPECT_EQ(value(during, "rtc_call_setup_seconds", "rtc_call_setup_seconds_bucket", "le", "+Inf"), 1);
    EXPECT_GT(value(during, "rtc_call_setup_seconds", "rtc_call_setup_seconds_sum"), 0);

    // Media counts come from each PeerConnection's statistics snapshot, which
    // its loop refreshes once a second: there is no event to await, so scrape
    // until they show the echo (bounded by the usual safety timeout).
    auto deadline = std::chrono::steady_clock::now() + kEventTimeout;
    Json moving = during;
    while (value(moving, "rtc_packets_in", "rtc_packets_in_total") < 300 ||
           value(moving, "rtc_packets_out", "rtc_packets_out_total") < 300) {
        ASSERT_LT(std::chrono::steady_clock::now(), deadline) << moving;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        moving = scrape(server);
    }
    EXPECT_GT(value(moving, "rtc_bytes_in", "rtc_bytes_in_total"), value(before, "rtc_bytes_in", "rtc_bytes_in_total"));
    EXPECT_GT(value(moving, "rtc_bytes_out", "rtc_bytes_out_total"), 0);

    // A second attach in the session hits the handle cap: a join failure and a limit refusal.
    Json refused = client.request(Json().set("janus", "attach").set("plugin", "janus.plugin.echotest"));
    EXPECT_EQ(refused.errorCode(), 485) << refused;
    Json after = scrape(server);
    EXPECT_EQ(value(after, "rtc_join_fail", "rtc_join_fail_total", "reason", "too_many_handles"), 1);
    EXPECT_EQ(value(after, "rtc_rate_limit_refusals", "rtc_rate_limit_refusals_total", "limit", "handles"), 1);
    EXPECT_EQ(value(after, "rtc_rate_limit_refusals", "rtc_rate_limit_refusals_total", "limit", "address_requests"), 0);
}

TEST(Metrics, NeedTheAdminSecret) {
    ServerProcess server;
    EXPECT_EQ(httpGet(server.adminHttpPort(), "/metrics").status, 401);
    HttpOptions wrong;
    wrong.headers["Authorization"] = "Bearer not-the-secret";
    EXPECT_EQ(httpRequest(server.adminHttpPort(), "GET", "/metrics", "", kEventTimeout, wrong).status, 401);
}

} // namespace
} // namespace portunus::test
