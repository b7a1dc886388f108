// loadgen: WebRTC load on a videoroom-compatible server (Portunus' sfu or
// Janus' videoroom) over the Janus WebSocket API, from the test clients built
// from Portunus' own ICE/DTLS/SRTP/RTP code.
//
// It creates R rooms (`create`, not permanent), joins P publishers to each
// (synthetic VP8 at a set bitrate plus Opus-sized audio at 50 packets/s, each
// payload ending in a probe: sender seq and send time) and S subscribers that
// subscribe to every publisher of their room (--mesh: to every other one, one
// subscriber per publisher, as in a meeting). Media starts once everyone is
// connected; the window measured opens when every subscriber receives and
// closes after --duration-s (or, with --packets N, once each publisher sent N
// video packets and they arrived). Subscribers count loss from the probes
// (first to last seq seen), one-way delay (same clock) and jitter; publishers
// answer NACK/PLI, subscribers send RR/NACK (the clients' RtpSession).
//
// Output: one JSON line on stdout, a readable table on stderr; the exit status
// is 0 whenever the report was made (a failure to set up is 1, usage 2). With
// --server-pid it also reports the server's CPU time (user+sys of every
// thread, /proc) over the window and its resident memory per subscriber.
#include "support/janus_signaling.hpp"
#include "support/subscriber_client.hpp"
#include "support/webrtc_client.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <future>
#include <iostream>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace portunus::test;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char *kPlugin = "janus.plugin.videoroom";
constexpr unsigned kConnectBatch = 8; // clients connecting at once
constexpr auto kFirstPacketTimeout = std::chrono::seconds(15);
constexpr auto kDrainTimeout = std::chrono::seconds(5);

struct Options {
    uint16_t port = 8188;
    long server_pid = 0;
    std::string scenario = "fanout";
    unsigned rooms = 1, publishers = 1, subscribers = 10;
    bool mesh = false, audio_only = false;
    unsigned bitrate = 1500000;
    size_t packet_size = 1100;
    double duration_s = 10;
    uint64_t packets = 0;
    std::string admin_key;
    std::string srtp_profile; // "" = both offered
};

[[noreturn]] void usage() {
    std::cerr << "usage: loadgen --port P [--server-pid PID] [--scenario NAME] [--rooms R] [--publishers P]\n"
                 "               [--subscribers S | --mesh] [--audio-only] [--bitrate BPS] [--packet-size BYTES]\n"
                 "               [--duration-s D | --packets N] [--admin-key KEY]\n"
                 "               [--srtp-profile AES_CM_128_HMAC_SHA1_80|AEAD_AES_128_GCM]\n";
    std::exit(2);
}

Options parse(int argc, char **argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage();
            return argv[++i];
        };
        if (a == "--port") o.port = static_cast<uint16_t>(std::stoul(value()));
        else if (a == "--server-pid") o.server_pid = std::stol(value());
        else if (a == "--scenario") o.scenario = value();
        else if (a == "--rooms") o.rooms = static_cast<unsigned>(std::stoul(value()));
        else if (a == "--publishers") o.publishers = static_cast<unsigned>(std::stoul(value()));
        else if (a == "--subscribers") o.subscribers = static_cast<unsigned>(std::stoul(value()));
        else if (a == "--mesh") o.mesh = true;
        else if (a == "--audio-only") o.audio_only = true;
        else if (a == "--bitrate") o.bitrate = static_cast<unsigned>(std::stoul(value()));
        else if (a == "--packet-size") o.packet_size = std::stoul(value());
        else if (a == "--duration-s") o.duration_s = std::stod(value());
        else if (a == "--packets") o.packets = std::stoull(value());
        else if (a == "--admin-key") o.admin_key = value();
        else if (a == "--srtp-profile") o.srtp_profile = value();
        else usage();
    }
    if (o.mesh) o.subscribers = o.publishers;
    if (o.rooms == 0 || o.publishers == 0 || o.subscribers == 0 || o.packet_size < 64) usage();
    return o;
}

// user+sys seconds of every thread of `pid` (fields 14 and 15 of /proc/PID/stat).
double cpuSeconds(long pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto close = text.rfind(')');
    if (close == std::string::npos) return 0;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    unsigned long long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i) {
        if (i == 14) utime = std::stoull(field);
        if (i == 15) stime = std::stoull(field);
    }
    return double(utime + stime) / double(sysconf(_SC_CLK_TCK));
}

uint64_t rssKib(long pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stoull(line.substr(6));
    return 0;
}

double selfCpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Runs `make(i)` for i in [0, n), kConnectBatch at a time; returns the results in order.
template <typename T, typename F>
std::vector<std::unique_ptr<T>> connectAll(size_t n, F make) {
    std::vector<std::unique_ptr<T>> out(n);
    for (size_t start = 0; start < n; start += kConnectBatch) {
        std::vector<std::future<std::unique_ptr<T>>> batch;
        for (size_t i = start; i < std::min(n, start + kConnectBatch); ++i)
            batch.push_back(std::async(std::launch::async, make, i));
        for (size_t i = 0; i < batch.size(); ++i) out[start + i] = batch[i].get();
    }
    return out;
}

struct Room {
    uint64_t id = 0;
    std::vector<uint64_t> feeds;
};

struct Subscriber {
    std::unique_ptr<SubscriberClient> client;
    std::vector<std::string> mids;       // the active mids of its offer (what it counts)
    std::vector<std::string> video_mids; // those of them that are video
};

// Totals over every subscriber's counted mids.
struct Snapshot {
    uint64_t packets = 0, unique = 0, expected = 0;
    double server_cpu_s = 0, loadgen_cpu_s = 0;
    Clock::time_point at;
};

Snapshot snapshot(const std::vector<Subscriber> &subs, long server_pid) {
    Snapshot s;
    for (const auto &sub : subs) {
        auto streams = sub.client->streams();
        for (const auto &mid : sub.mids) {
            auto it = streams.find(mid);
            if (it == streams.end()) continue;
            s.packets += it->second.packets;
            s.unique += it->second.unique;
            s.expected += it->second.expected;
        }
    }
    s.server_cpu_s = server_pid ? cpuSeconds(server_pid) : 0;
    s.loadgen_cpu_s = selfCpuSeconds();
    s.at = Clock::now();
    return s;
}

bool receivesAll(const Subscriber &sub) {
    return sub.client->waitFor(
        [&](const std::map<std::string, ReceivedStream> &streams) {
            for (const auto &mid : sub.mids)
                if (!streams.count(mid) || streams.at(mid).unique == 0) return false;
            return true;
        },
        std::chrono::duration_cast<std::chrono::milliseconds>(kFirstPacketTimeout));
}

Json plugin(JanusSignaling &control, const Json &body) {
    Json reply = control.request(Json().set("janus", "message").set("body", body),
                                 [](const Json &r) { return r.str("/janus") != "ack"; });
    if (!reply.has("/plugindata/data") || reply.has("/plugindata/data/error"))
        throw std::runtime_error("request refused: " + reply.text());
    return reply;
}

int run(const Options &o) {
    std::mt19937_64 rng{std::random_device{}()};
    JanusSignaling control(o.port, [](const Json &) {});
    control.open(kPlugin);

    std::vector<Room> rooms(o.rooms);
    for (auto &room : rooms) {
        room.id = 100000000 + rng() % 900000000;
        Json create = Json().set("request", "create").set("room", room.id).set("permanent", false);
        create.set("publishers", uint64_t(o.publishers + 1)).set("bitrate", uint64_t(0));
        if (!o.admin_key.empty()) create.set("admin_key", o.admin_key);
        plugin(control, create);
    }

    // Publishers, connected (join, publish, ICE/DTLS up) but silent for now.
    auto publishers = connectAll<WebRtcClient>(size_t(o.rooms) * o.publishers, [&](size_t i) {
        ClientOptions c;
        c.plugin = kPlugin;
        c.join = Json()
                     .set("request", "join")
                     .set("ptype", "publisher")
                     .set("room", rooms[i / o.publishers].id)
                     .set("display", fmt::format("load-{}", i))
                     .text();
        c.body = R"({"request":"publish"})";
        c.srtp_profile = o.srtp_profile;
        auto client = std::make_unique<WebRtcClient>(c);
        client->connect(o.port);
        return client;
    });
    for (size_t i = 0; i < publishers.size(); ++i)
        rooms[i / o.publishers].feeds.push_back(publishers[i]->events().at(0).u64("/plugindata/data/id"));
    uint64_t rss_before_subs = o.server_pid ? rssKib(o.server_pid) : 0;

    // Subscribers: every feed of the room (--mesh: all but their own), audio
    // only or everything.
    auto clients = connectAll<SubscriberClient>(size_t(o.rooms) * o.subscribers, [&](size_t i) {
        const Room &room = rooms[i / o.subscribers];
        std::string streams;
        for (size_t f = 0; f < room.feeds.size(); ++f) {
            if (o.mesh && f == i % o.subscribers) continue;
            streams += fmt::format("{}{{\"feed\":{}{}}}", streams.empty() ? "" : ",", room.feeds[f],
                                   o.audio_only ? ",\"mid\":\"0\"" : "");
        }
        Json join = Json().set("request", "join").set("ptype", "subscriber").set("room", room.id);
        join.setRaw("streams", "[" + streams + "]");
        auto sub = std::make_unique<SubscriberClient>(o.port, kPlugin, Json::parse(R"({"request":"start"})"),
                                                      o.srtp_profile);
        sub->message(join);
        return sub;
    });
    std::vector<Subscriber> subs;
    for (auto &c : clients) {
        Subscriber s;
        for (const auto &m : c->offeredMids())
            if (m.active && m.kind != "application") {
                s.mids.push_back(m.mid);
                if (m.kind == "video") s.video_mids.push_back(m.mid);
            }
        s.client = std::move(c);
        subs.push_back(std::move(s));
    }

    // Media: ~packet_size-byte video packets at the bitrate (none when audio only), audio at 50/s.
    MediaOptions media;
    media.video_payload_size = o.packet_size;
    media.video_packets_per_second = o.audio_only ? 0 : std::max(1u, unsigned(o.bitrate / 8 / o.packet_size));
    media.video_fps = std::min(25u, std::max(1u, media.video_packets_per_second));
    media.video_packets = o.packets;
    for (auto &p : publishers) p->startMedia(media);
    size_t receiving = 0;
    for (const auto &s : subs) receiving += receivesAll(s) ? 1 : 0;

    Snapshot start = snapshot(subs, o.server_pid);
    if (o.packets) {
        // Every publisher done, then every subscriber has its last video packet
        // (or audio, counted from what each publisher sent), or the drain timeout passes.
        auto drain = Clock::now() + kDrainTimeout + std::chrono::milliseconds(o.packets * 1000 /
                                                                               std::max(1u, media.video_packets_per_second));
        for (auto &p : publishers)
            p->waitFor([](const ClientStats &s) { return !s.sending; },
                       std::chrono::duration_cast<std::chrono::milliseconds>(drain - Clock::now()));
        for (const auto &s : subs)
            s.client->waitFor(
                [&](const std::map<std::string, ReceivedStream> &streams) {
                    for (const auto &mid : s.video_mids)
                        if (!streams.count(mid) || streams.at(mid).last_probe + 1 < o.packets) return false;
                    return true;
                },
                std::max(std::chrono::milliseconds(0),
                         std::chrono::duration_cast<std::chrono::milliseconds>(drain - Clock::now())));
    } else {
        std::this_thread::sleep_for(std::chrono::duration<double>(o.duration_s)); // the measured window
    }
    Snapshot end = snapshot(subs, o.server_pid);
    uint64_t rss_end = o.server_pid ? rssKib(o.server_pid) : 0;
    for (auto &p : publishers) p->stopMedia();

    DelayHistogram delays;
    double jitter_sum = 0;
    size_t jitter_n = 0;
    uint64_t sent = 0;
    for (const auto &s : subs) {
        auto streams = s.client->streams();
        for (const auto &mid : s.mids) {
            delays.merge(s.client->delays(mid));
            if (streams.count(mid)) jitter_sum += streams.at(mid).jitter_ms, ++jitter_n;
        }
    }
    for (const auto &p : publishers) {
        ClientStats st = p->stats();
        sent += st.video.sent + st.audio.sent;
    }

    double window_s = std::chrono::duration<double>(end.at - start.at).count();
    uint64_t forwarded = end.packets - start.packets;
    uint64_t expected = end.expected - start.expected, unique = end.unique - start.unique;
    uint64_t lost = expected > unique ? expected - unique : 0;
    double server_cpu = end.server_cpu_s - start.server_cpu_s;
    double loss = expected ? double(lost) / double(expected) : 1.0;
    double cpu_ms_per_1000 = forwarded ? server_cpu * 1e6 / double(forwarded) : 0;
    double rss_per_sub = subs.empty() ? 0 : double(rss_end > rss_before_subs ? rss_end - rss_before_subs : 0) / double(subs.size());

    Json out;
    out.set("scenario", o.scenario).set("srtp_profile", o.srtp_profile.empty() ? "offered both" : o.srtp_profile).set("rooms", uint64_t(o.rooms)).set("publishers", uint64_t(publishers.size()));
    out.set("subscribers", uint64_t(subs.size())).set("receiving", uint64_t(receiving));
    out.set("video_pps_per_publisher", uint64_t(media.video_packets_per_second));
    out.setRaw("window_s", fmt::format("{:.3f}", window_s)).set("sent", sent).set("forwarded", forwarded);
    out.set("expected", expected).set("received", unique).set("lost", lost);
    out.setRaw("forwarded_pps", fmt::format("{:.0f}", window_s > 0 ? double(forwarded) / window_s : 0));
    out.setRaw("loss", fmt::format("{:.6f}", loss));
    out.setRaw("delay_p50_ms", fmt::format("{:.3f}", delays.percentileMs(0.5)));
    out.setRaw("delay_p99_ms", fmt::format("{:.3f}", delays.percentileMs(0.99)));
    out.setRaw("jitter_ms", fmt::format("{:.3f}", jitter_n ? jitter_sum / double(jitter_n) : 0));
    out.setRaw("server_cpu_s", fmt::format("{:.3f}", server_cpu));
    out.setRaw("server_cpu_ms_per_1000_pkts", fmt::format("{:.4f}", cpu_ms_per_1000));
    out.set("server_rss_kib", rss_end);
    out.setRaw("server_rss_kib_per_subscriber", fmt::format("{:.1f}", rss_per_sub));
    out.setRaw("loadgen_cpu_s", fmt::format("{:.3f}", end.loadgen_cpu_s - start.loadgen_cpu_s));
    std::cout << out.text() << std::endl;

    std::cerr << fmt::format("{:<34} {}\n", "scenario", o.scenario)
              << fmt::format("{:<34} {} x {} publishers, {} subscribers ({} receiving)\n", "rooms", o.rooms,
                             o.publishers, subs.size(), receiving)
              << fmt::format("{:<34} {:.1f} s\n", "window", window_s)
              << fmt::format("{:<34} {} ({:.0f}/s)\n", "forwarded packets", forwarded,
                             window_s > 0 ? double(forwarded) / window_s : 0)
              << fmt::format("{:<34} {} of {} ({:.4f} %)\n", "lost", lost, expected, 100 * loss)
              << fmt::format("{:<34} {:.2f} / {:.2f} ms, jitter {:.2f} ms\n", "one-way delay p50 / p99",
                             delays.percentileMs(0.5), delays.percentileMs(0.99),
                             jitter_n ? jitter_sum / double(jitter_n) : 0)
              << fmt::format("{:<34} {:.2f} s ({:.3f} ms per 1000 packets)\n", "server CPU", server_cpu,
                             cpu_ms_per_1000)
              << fmt::format("{:<34} {} KiB ({:.0f} KiB per subscriber)\n", "server RSS", rss_end, rss_per_sub)
              << fmt::format("{:<34} {:.2f} s\n", "loadgen CPU", end.loadgen_cpu_s - start.loadgen_cpu_s);

    subs.clear();
    publishers.clear();
    for (const auto &room : rooms) {
        Json destroy = Json().set("request", "destroy").set("room", room.id);
        if (!o.admin_key.empty()) destroy.set("admin_key", o.admin_key);
        try {
            plugin(control, destroy);
        } catch (const std::exception &) {
        }
    }
    return 0; // a report was made; "receiving" says whether every subscriber got media
}

} // namespace

int main(int argc, char **argv) {
    try {
        return run(parse(argc, argv));
    } catch (const std::exception &e) {
        std::cerr << "loadgen: " << e.what() << "\n";
        return 1;
    }
}
