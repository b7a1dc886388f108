// PeerConnection::describe: the admin API's view of a PeerConnection (ICE,
// DTLS, data channels, per-line statistics), from state the control plane
// may read: a snapshot the loop refreshes each second.
#include "session/peer_connection.hpp"

#include "net/dtls_certificate.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace portunus {

namespace {
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void field(Writer &w, const char *key, const std::string &value) {
    w.Key(key);
    w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}
void field(Writer &w, const char *key, uint64_t value) {
    w.Key(key);
    w.Uint64(value);
}
void field(Writer &w, const char *key, double value) {
    w.Key(key);
    w.Double(value);
}

void lineStats(Writer &w, const MediaLine &line, const RtpSession::LineStats &s) {
    field(w, "mid", line.mid);
    field(w, "type", std::string(line.data ? "data" : line.video ? "video" : "audio"));
    field(w, "local_ssrc", uint64_t{line.local_ssrc});
    field(w, "packets_in", s.packets_in);
    field(w, "bytes_in", s.bytes_in);
    field(w, "packets_lost", s.packets_lost);
    field(w, "fraction_lost", s.fraction_lost);
    field(w, "jitter_ms", s.jitter_ms);
    field(w, "nacks_sent", s.nacks_sent);
    field(w, "packets_out", s.packets_out);
    field(w, "bytes_out", s.bytes_out);
    field(w, "nacks_received", s.nacks_received);
    field(w, "retransmitted", s.retransmitted);
    field(w, "plis_received", s.plis_received);
    field(w, "firs_received", s.firs_received);
    field(w, "rtt_ms", s.rtt_ms);
    field(w, "remote_fraction_lost", s.remote_fraction_lost);
    field(w, "remote_jitter_ms", s.remote_jitter_ms);
}
} // namespace

MediaCounts PeerConnection::counts() const {
    std::lock_guard lock(mutex_);
    MediaCounts c;
    for (const auto &s : stats_snapshot_)
        c += {s.packets_in, s.bytes_in, s.packets_out, s.bytes_out, s.packets_lost, s.nacks_sent, s.nacks_received,
              s.plis_received};
    return c;
}

std::string PeerConnection::describe() const {
    rapidjson::StringBuffer buf;
    Writer w(buf);
    std::lock_guard lock(mutex_);
    w.StartObject();
    w.Key("ice");
    w.StartObject();
    field(w, "state", ice_state_);
    field(w, "mode", std::string(media_.ice.lite ? "lite" : "full"));
    field(w, "local_ufrag", local_ufrag_);
    w.Key("selected_pair");
    w.StartObject();
    field(w, "local", selected_local_);
    field(w, "remote", selected_remote_);
    w.EndObject();
    w.Key("local_candidates");
    w.StartArray();
    for (const auto &c : local_candidates_) w.String(c.c_str());
    w.EndArray();
    w.Key("remote_candidates");
    w.StartArray();
    for (const auto &m : remote_.media)
        for (const auto &c : m.candidates) w.String(c.c_str());
    w.EndArray();
    w.EndObject();
    w.Key("dtls");
    w.StartObject();
    field(w, "state", dtls_state_);
    field(w, "srtp_profile", srtp_profile_);
    field(w, "local_fingerprint", media_.dtls->certificate().fingerprint());
    w.EndObject();
    w.Key("data_channels");
    w.StartArray();
    for (const auto &label : channel_labels_) w.String(label.c_str());
    w.EndArray();
    w.Key("media");
    w.StartArray();
    if (answered_map_)
        for (const auto &line : answered_map_->lines()) {
            w.StartObject();
            lineStats(w, line, line.index < stats_snapshot_.size() ? stats_snapshot_[line.index] : RtpSession::LineStats{});
            w.EndObject();
        }
    w.EndArray();
    w.EndObject();
    return {buf.GetString(), buf.GetSize()};
}

} // namespace portunus
