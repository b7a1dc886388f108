#include "api/metrics_text.hpp"

#include "api/request_limits.hpp"
#include "observe/metrics.hpp"
#include "session/session_manager.hpp"

#include <fmt/format.h>

namespace portunus::api {

namespace {

void family(std::string &out, const char *name, const char *type, const char *help) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

void sample(std::string &out, const char *name, uint64_t value, const char *type, const char *help) {
    family(out, name, type, help);
    out += fmt::format("{} {}\n", name, value);
}

// Label values here are fixed identifiers; escaping is for completeness.
std::string escapeLabel(const std::string &v) {
    std::string out;
    for (char c : v) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

void byReason(std::string &out, const char *name, const char *help, const std::map<std::string, uint64_t> &counts) {
    family(out, name, "counter", help);
    for (const auto &[reason, n] : counts) out += fmt::format("{}{{reason=\"{}\"}} {}\n", name, escapeLabel(reason), n);
}

} // namespace

std::string metricsText(const ApiContext &ctx) {
    std::string out;
    size_t handles = 0, peers = 0;
    MediaCounts media = ctx.metrics.closedMedia();
    auto sessions = ctx.sessions.all();
    for (const auto &s : sessions)
        for (const auto &h : s->handles()) {
            ++handles;
            if (auto pc = h->existingPeer()) {
                ++peers;
                media += pc->counts();
            }
        }
    auto uptime = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now() - ctx.started);
    sample(out, "rtc_uptime_seconds", static_cast<uint64_t>(uptime.count()), "gauge", "Seconds since the server started.");
    sample(out, "rtc_sessions", sessions.size(), "gauge", "Client sessions open now.");
    sample(out, "rtc_handles", handles, "gauge", "Plugin handles attached now.");
    sample(out, "rtc_peer_connections", peers, "gauge", "Handles with a PeerConnection now.");
    sample(out, "rtc_packets_in_total", media.packets_in, "counter", "RTP packets received (RTX included).");
    sample(out, "rtc_bytes_in_total", media.bytes_in, "counter", "RTP bytes received.");
    sample(out, "rtc_packets_out_total", media.packets_out, "counter", "RTP packets sent.");
    sample(out, "rtc_bytes_out_total", media.bytes_out, "counter", "RTP bytes sent.");
    sample(out, "rtc_packets_lost_total", media.packets_lost, "counter", "RTP packets never received.");
    sample(out, "rtc_nacks_sent_total", media.nacks_sent, "counter", "Sequence numbers NACKed to clients.");
    sample(out, "rtc_nacks_received_total", media.nacks_received, "counter", "Sequence numbers clients NACKed.");
    sample(out, "rtc_plis_received_total", media.plis_received, "counter", "PLIs received from clients.");
    sample(out, "rtc_join_ticket_issued_total", ctx.metrics.ticketsIssued(), "counter",
           "Join tickets minted (ticket endpoint and admin API).");

    byReason(out, "rtc_join_fail_total", "Attaches refused, by reason.", ctx.metrics.joinFailures());
    byReason(out, "rtc_forced_disconnect_total", "Sessions ended by moderation, by reason.",
             ctx.metrics.forcedDisconnects());

    family(out, "rtc_rate_limit_refusals_total", "counter", "Client requests refused by a limit, by limit.");
    for (size_t i = 0; i < static_cast<size_t>(RequestLimits::Reason::count); ++i) {
        auto r = static_cast<RequestLimits::Reason>(i);
        out += fmt::format("rtc_rate_limit_refusals_total{{limit=\"{}\"}} {}\n", RequestLimits::name(r),
                           ctx.limits.refused(r));
    }
    const ChannelRoster &roster = ctx.sessions.roster();
    out += fmt::format("rtc_rate_limit_refusals_total{{limit=\"channel_participants\"}} {}\n", roster.refusedParticipants());
    out += fmt::format("rtc_rate_limit_refusals_total{{limit=\"participant_tracks\"}} {}\n", roster.refusedTracks());

    family(out, "rtc_call_setup_seconds", "histogram", "Time from attach to webrtcup.");
    auto h = ctx.metrics.callSetup();
    for (size_t i = 0; i < Metrics::kSetupBuckets.size(); ++i)
        out += fmt::format("rtc_call_setup_seconds_bucket{{le=\"{}\"}} {}\n", Metrics::kSetupBuckets[i], h.buckets[i]);
    out += fmt::format("rtc_call_setup_seconds_bucket{{le=\"+Inf\"}} {}\n", h.count);
    out += fmt::format("rtc_call_setup_seconds_sum {}\n", h.sum);
    out += fmt::format("rtc_call_setup_seconds_count {}\n", h.count);
    return out;
}

} // namespace portunus::api
