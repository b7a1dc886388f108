#include "support/webrtc_client.hpp"

#include "loop/loop.hpp"
#include "rtp/rtcp/compound.hpp"
#include "rtp/rtcp/fir.hpp"
#include "rtp/rtcp/pli.hpp"
#include "rtp/rtcp/remb.hpp"
#include "rtp/rtp_packet.hpp"
#include "session/media_map.hpp"
#include "session/rtp_session.hpp"
#include "support/client_offer.hpp"
#include "support/client_transport.hpp"
#include "support/event_log.hpp"
#include "support/janus_signaling.hpp"
#include "support/loop_call.hpp"
#include "support/synthetic_media.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <fmt/format.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace portunus::test {

namespace {

constexpr unsigned kLoopIndex = 900; // the thread is named loop-900: not one of a server's
constexpr auto kPacingInterval = std::chrono::milliseconds(5);
constexpr int64_t kRtcpTickUs = 20000;
constexpr unsigned kAudioPacketsPerSecond = 50;

int64_t nowUs() { return steadyNowUs(); }


} // namespace

std::string ClientStats::summary() const {
    return fmt::format("video: sent {} received {} ({:.2f} %) duplicates {} delay avg {:.1f} ms max {:.1f} ms\n"
                       "audio: sent {} received {} ({:.2f} %) delay avg {:.1f} ms max {:.1f} ms\n"
                       "NACKed {} seqs, got {} retransmissions; server NACKed {} seqs, resent {}; "
                       "PLI/FIR {} keyframes {} RTT {:.1f} ms\n"
                       "datagrams out {} (dropped {}), in {} (dropped {}), SRTP errors {}\n"
                       "REMBs {} (last {} bps), Janus events {}",
                       video.sent, video.received, video.sent ? 100.0 * double(video.received) / double(video.sent) : 0.0,
                       video.duplicates, video.delay_avg_ms, video.delay_max_ms, audio.sent, audio.received,
                       audio.sent ? 100.0 * double(audio.received) / double(audio.sent) : 0.0, audio.delay_avg_ms,
                       audio.delay_max_ms, nacks_sent, retransmissions_received, nacks_received, retransmissions_sent,
                       plis_received, keyframes_sent, rtt_ms, datagrams_sent, datagrams_dropped_out,
                       datagrams_received, datagrams_dropped_in, srtp_errors, rembs_received, last_remb_bps,
                       events_received);
}

class WebRtcClient::Impl : private ClientTransport::Listener, private RtpSessionListener {
public:
    explicit Impl(ClientOptions options) : options_(std::move(options)) { loop_.start(); }

    ~Impl() {
        onLoop(loop_, [this] {
            timer_.cancel();
            transport_.reset(); // DTLS close_notify: the server hangs up
            return 0;
        });
        try {
            signaling_.reset(); // destroys the Janus session; no more events after this
        } catch (...) {
        }
        loop_.stop();
    }

    void connect(uint16_t ws_port, std::chrono::milliseconds timeout) {
        auto deadline = std::chrono::steady_clock::now() + timeout;
        signaling_ = std::make_unique<JanusSignaling>(ws_port, [this](const Json &e) { onSignalingEvent(e); });
        signaling_->open(options_.plugin, options_.ticket);
        note(fmt::format("session {} handle {} ({})", signaling_->session(), signaling_->handle(), options_.plugin));
        if (!options_.join.empty()) {
            record(message(Json::parse(options_.join), timeout));
        }
        negotiate(deadline);
    }

    void renegotiate(std::chrono::milliseconds timeout) {
        if (!signaling_) throw std::runtime_error("renegotiate() before connect()");
        negotiate(std::chrono::steady_clock::now() + timeout);
    }

    Json message(const Json &body, std::chrono::milliseconds timeout) {
        if (!signaling_) throw std::runtime_error("message() before connect()");
        Json reply = signaling_->request(
            Json().set("janus", "message").set("body", body), [](const Json &r) { return r.str("/janus") != "ack"; },
            timeout);
        if (reply.str("/janus") != "event") throw std::runtime_error("message failed: " + reply.text());
        if (reply.has("/plugindata/data/error")) throw std::runtime_error("plugin error: " + reply.text());
        return reply;
    }

    Json request(const Json &request, std::chrono::milliseconds timeout) {
        if (!signaling_) throw std::runtime_error("request() before connect()");
        return signaling_->request(request, [](const Json &r) { return r.str("/janus") != "ack"; }, timeout);
    }

    uint32_t videoSsrc() const { return video_ssrc_.load(); }
    uint32_t audioSsrc() const { return audio_ssrc_.load(); }

    // A fresh transport, RTP engine and offer; signals it on our handle and
    // waits until DTLS-SRTP is up.
    void negotiate(std::chrono::steady_clock::time_point deadline) {
        ClientOffer::Params params = onLoop(loop_, [this] {
            // What a previous negotiation left: its transport (closed by now,
            // or closed here), its media and its counters.
            timer_.cancel();
            // The new transport's socket may reuse the old one's number; the
            // loop's GLib pump re-registers fds after an ICE agent closes its own.
            transport_.reset();
            video_.reset();
            audio_.reset();
            video_rx_.reset();
            audio_rx_.reset();
            up_ = failed_ = sending_ = false;
            retransmissions_received_ = keyframe_requests_ = 0;
            rtp_ = std::make_unique<RtpSession>(static_cast<RtpSessionListener &>(*this));
            map_ = MediaMap();
            publish();

            ClientTransport::Listener &self = *this;
            ClientTransport::Options transport;
            transport.loss = options_.loss;
            transport.loss_out = options_.loss_out;
            transport.loss_in = options_.loss_in;
            transport.seed = options_.seed;
            transport.srtp_profile = options_.srtp_profile;
            transport_ = std::make_unique<ClientTransport>(loop_, self, transport);
            ClientOffer::Params p;
            p.ice_ufrag = transport_->iceUfrag();
            p.ice_pwd = transport_->icePassword();
            p.fingerprint = transport_->fingerprint();
            p.rtx = options_.rtx;
            return p;
        });
        auto offer = std::make_unique<ClientOffer>(params);
        Json jsep = Json().set("type", "offer").set("sdp", offer->offerText());
        Json event = signaling_->message(Json::parse(options_.body), jsep);
        std::string error;
        if (!event.has("/jsep/sdp")) throw std::runtime_error("no answer in " + event.text());
        if (!offer->applyAnswer(event.str("/jsep/sdp"), error)) throw std::runtime_error("bad answer: " + error);
        note("answer applied");

        error = onLoop(loop_, [this, &offer] {
            offer_ = std::move(offer);
            video_ssrc_ = offer_->videoSsrc();
            audio_ssrc_ = offer_->audioSsrc();
            map_ = offer_->map();
            rtp_->configure(map_, offer_->extensions(), offer_->cname());
            mid_extension_id_ = map_.midExtensionId();
            const MediaLine *video = map_.line(ClientOffer::kVideoLine);
            video_rtx_payload_type_ = video ? video->remote_rtx_payload_type : -1;
            const auto &r = offer_->remote();
            std::string e;
            transport_->start(
                {r.ufrag, r.pwd, r.fingerprint_hash, r.fingerprint, r.candidates, r.end_of_candidates, r.dtls_client},
                e);
            return e;
        });
        if (!error.empty()) throw std::runtime_error("ICE start: " + error);

        std::unique_lock lock(mutex_);
        bool settled = changed_.wait_until(lock, deadline, [&] { return stats_.up || stats_.failed; });
        if (!settled || !stats_.up) {
            lock.unlock();
            std::string state = onLoop(loop_, [this] { return transport_->describe(); });
            throw std::runtime_error(std::string(settled ? "connection failed" : "not connected in time") + ": " +
                                     state + "\n" + log());
        }
    }

    uint64_t sessionId() const { return signaling_ ? signaling_->session() : 0; }
    uint64_t handleId() const { return signaling_ ? signaling_->handle() : 0; }

    std::vector<Json> events() const { return events_.all(); }

    std::optional<Json> waitForEvent(const std::function<bool(const Json &)> &match, std::chrono::milliseconds timeout,
                                     size_t from) {
        return events_.waitFor(match, timeout, from);
    }

    std::vector<RembReport> rembs() const {
        std::lock_guard lock(mutex_);
        return rembs_;
    }

    void startMedia(const MediaOptions &options) {
        onLoop(loop_, [this, options] {
            media_ = options;
            VideoSource::Config v;
            v.stream = {offer_->videoSsrc(), ClientOffer::kVp8PayloadType, 90000, mid_extension_id_,
                        offer_->mid(ClientOffer::kVideoLine)};
            v.fps = std::max(1u, options.video_fps);
            v.packets_per_frame = std::max(1u, options.video_packets_per_second / v.fps);
            v.payload_size = options.video_payload_size;
            v.width = options.video_width;
            v.height = options.video_height;
            video_ = std::make_unique<VideoSource>(v);
            AudioSource::Config a;
            a.stream = {offer_->audioSsrc(), ClientOffer::kOpusPayloadType, 48000, mid_extension_id_,
                        offer_->mid(ClientOffer::kAudioLine)};
            a.payload_size = options.audio_payload_size;
            audio_ = std::make_unique<AudioSource>(a);
            video_rx_ = std::make_unique<ProbeCounter>();
            audio_rx_ = std::make_unique<ProbeCounter>();
            media_start_us_ = nowUs();
            sending_ = true;
            publish();
            return 0;
        });
    }

    void stopMedia() {
        onLoop(loop_, [this] {
            sending_ = false;
            publish();
            return 0;
        });
    }

    ClientStats stats() const {
        std::lock_guard lock(mutex_);
        return stats_;
    }

    bool waitFor(const std::function<bool(const ClientStats &)> &done, std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return done(stats_); });
    }

    std::string log() const {
        std::lock_guard lock(mutex_);
        std::string out;
        for (const auto &line : log_) out += line + "\n";
        return out;
    }

private:
    void record(Json event) {
        size_t count = events_.add(std::move(event));
        std::lock_guard lock(mutex_);
        stats_.events_received = count;
        changed_.notify_all();
    }

    void note(const std::string &what) {
        std::lock_guard lock(mutex_);
        log_.push_back(fmt::format("[client +{} ms] {}", (nowUs() - created_us_) / 1000, what));
    }

    // ---- signaling (reader thread) ---------------------------------------------

    void onSignalingEvent(const Json &event) {
        std::string kind = event.has("/janus") ? event.str("/janus") : "";
        if (kind == "ack") return;
        if (kind != "trickle") {
            note("event: " + event.text().substr(0, 300));
            record(event);
        }
        if (kind == "trickle" && event.isObject("/candidate")) {
            std::string candidate;
            if (!(event.has("/candidate/completed") && event.boolean("/candidate/completed")))
                candidate = event.str("/candidate/candidate");
            boost::asio::post(loop_.context(), [this, candidate] {
                if (transport_) transport_->addRemoteCandidate(candidate);
            });
        }
    }

    // ---- transport (loop) ------------------------------------------------------

    void onTransportCandidate(const std::string &candidate) override {
        if (signaling_) signaling_->trickle(candidate, offer_ ? offer_->mid(0) : "0", 0);
    }

    void onTransportUp() override {
        note("DTLS-SRTP up");
        up_ = true;
        next_rtcp_us_ = nowUs();
        timer_.expires_after(kPacingInterval);
        armTimer();
        publish();
    }

    void onTransportFailed(const std::string &reason) override {
        note("transport failed: " + reason);
        failed_ = true;
        publish();
    }

    void onTransportRtp(uint8_t *data, size_t length) override {
        int64_t now = nowUs();
        auto packet = rtp::RtpPacket::parse(data, length, ClientTransport::kBufferSize);
        if (!packet) return;
        std::string_view mid;
        std::optional<rtp::SdesId> sdes;
        if (mid_extension_id_ && (sdes = rtp::readSdesId(packet->extension(mid_extension_id_)))) mid = sdes->view();
        int line = map_.lineFor(packet->ssrc(), mid);
        if (line < 0) return;
        bool rtx = line == ClientOffer::kVideoLine && video_rtx_payload_type_ >= 0 &&
                   packet->payloadType() == video_rtx_payload_type_;
        if (!rtp_->onRtpReceived(line, *packet, now)) return; // a retransmission we did not need, or a probe
        if (rtx) ++retransmissions_received_;
        auto probe = readProbe(packet->payload());
        ProbeCounter *counter = line == ClientOffer::kVideoLine ? video_rx_.get() : audio_rx_.get();
        if (probe && counter) counter->onProbe(*probe, now);
    }

    void onTransportRtcp(uint8_t *data, size_t length) override {
        if (!rtp_->onRtcpReceived(data, length, nowUs())) return;
        // What the engine leaves to us: keyframe requests for our video, REMB.
        uint32_t video_ssrc = offer_->videoSsrc();
        rtp::rtcp::CompoundReader reader({data, length});
        rtp::rtcp::PacketView p;
        while (reader.next(p)) {
            if (p.type != rtp::rtcp::kPayloadFeedback) continue;
            if (p.count == rtp::rtcp::kFmtApplication) {
                if (auto remb = rtp::rtcp::Remb::parse(p)) onRemb(*remb);
                continue;
            }
            bool keyframe = false;
            if (p.count == rtp::rtcp::kFmtPli)
                if (auto pli = rtp::rtcp::Pli::parse(p)) keyframe = pli->mediaSsrc() == video_ssrc;
            if (p.count == rtp::rtcp::kFmtFir)
                if (auto fir = rtp::rtcp::Fir::parse(p))
                    for (size_t i = 0; i < fir->entryCount(); ++i) keyframe |= fir->entry(i).ssrc == video_ssrc;
            if (keyframe) {
                ++keyframe_requests_;
                if (video_) video_->requestKeyframe();
            }
        }
    }

    void onRemb(const rtp::rtcp::Remb &remb) {
        RembReport r;
        r.bitrate = remb.bitrate();
        r.sender_ssrc = remb.senderSsrc();
        for (size_t i = 0; i < remb.ssrcCount(); ++i) r.ssrcs.push_back(remb.ssrc(i));
        r.video_received = video_rx_ ? video_rx_->unique() : 0;
        note(fmt::format("REMB {} bps for {} SSRC(s), {} video packets echoed so far", r.bitrate, r.ssrcs.size(),
                         r.video_received));
        std::lock_guard lock(mutex_);
        rembs_.push_back(std::move(r));
        stats_.rembs_received = rembs_.size();
        stats_.last_remb_bps = rembs_.back().bitrate;
        changed_.notify_all();
    }

    // ---- RtpSession (loop) -----------------------------------------------------

    void onRtpSessionSendRtp(uint8_t *data, size_t length) override {
        if (transport_) transport_->sendRtp(data, length);
    }
    void onRtpSessionSendRtcp(uint8_t *data, size_t length) override {
        if (transport_) transport_->sendRtcp(data, length);
    }

    // ---- pacing (loop) ---------------------------------------------------------

    void armTimer() {
        timer_.async_wait([this](const boost::system::error_code &ec) {
            // An expiry already queued when the timer was cancelled still
            // runs, with no error: the transport may be gone by then.
            if (ec || !transport_) return;
            onTimer();
            timer_.expires_at(timer_.expiry() + kPacingInterval);
            armTimer();
        });
    }

    void onTimer() {
        int64_t now = nowUs();
        if (sending_ && video_) sendDue(now);
        if (now >= next_rtcp_us_) {
            rtp_->tick(now);
            next_rtcp_us_ = now + kRtcpTickUs;
        }
        publish();
    }

    void sendDue(int64_t now) {
        int64_t elapsed = now - media_start_us_;
        uint64_t video_due = uint64_t(elapsed) * media_.video_packets_per_second / 1000000;
        if (media_.video_packets) video_due = std::min<uint64_t>(video_due, media_.video_packets);
        while (video_->packets() < video_due && send(*video_, ClientOffer::kVideoLine, now)) {
        }
        if (media_.audio) {
            uint64_t audio_due = uint64_t(elapsed) * kAudioPacketsPerSecond / 1000000;
            while (audio_->packets() < audio_due && send(*audio_, ClientOffer::kAudioLine, now)) {
            }
        }
        if (media_.video_packets && video_->packets() >= media_.video_packets) sending_ = false;
    }

    // False when the source cannot make a packet (options too large for a datagram).
    template <typename Source>
    bool send(Source &source, int line, int64_t now) {
        size_t n = source.next({tx_.data(), tx_.size() - net::SrtpSession::kMaxTrailer}, now);
        auto packet = rtp::RtpPacket::parse(tx_.data(), n, tx_.size());
        if (!packet) return false;
        rtp_->onRtpSent(line, *packet, now);
        transport_->sendRtp(tx_.data(), n);
        return true;
    }

    void publish() {
        ClientStats s;
        s.up = up_;
        s.failed = failed_;
        s.sending = sending_;
        auto stream = [](ClientStats::Stream &out, uint64_t sent, const ProbeCounter *rx) {
            out.sent = sent;
            if (!rx) return;
            out.received = rx->unique();
            out.duplicates = rx->duplicates();
            out.delay_avg_ms = rx->delayAvgMs();
            out.delay_max_ms = rx->delayMaxMs();
        };
        stream(s.video, video_ ? video_->packets() : 0, video_rx_.get());
        stream(s.audio, audio_ ? audio_->packets() : 0, audio_rx_.get());
        s.keyframes_sent = video_ ? video_->keyframes() : 0;
        s.plis_received = keyframe_requests_;
        s.retransmissions_received = retransmissions_received_;
        for (int line : {int(ClientOffer::kAudioLine), int(ClientOffer::kVideoLine)}) {
            RtpSession::LineStats l = rtp_->stats(line);
            s.nacks_sent += l.nacks_sent;
            s.nacks_received += l.nacks_received;
            s.retransmissions_sent += l.retransmitted;
            s.rtt_ms = std::max(s.rtt_ms, l.rtt_ms);
        }
        if (transport_) {
            ClientTransport::Counters c = transport_->counters();
            s.datagrams_sent = c.datagrams_out;
            s.datagrams_dropped_out = c.dropped_out;
            s.datagrams_received = c.datagrams_in;
            s.datagrams_dropped_in = c.dropped_in;
            s.srtp_errors = c.srtp_errors;
        }
        std::lock_guard lock(mutex_);
        s.rembs_received = rembs_.size();
        s.last_remb_bps = rembs_.empty() ? 0 : rembs_.back().bitrate;
        s.events_received = events_.size();
        stats_ = s;
        changed_.notify_all();
    }

    ClientOptions options_;
    int64_t created_us_ = nowUs();
    Loop loop_{kLoopIndex}; // destroyed last: everything below may run on it
    std::unique_ptr<JanusSignaling> signaling_;
    std::unique_ptr<ClientOffer> offer_; // replaced on the loop
    std::atomic<uint32_t> video_ssrc_{0}, audio_ssrc_{0};

    // Loop-confined.
    std::unique_ptr<ClientTransport> transport_;
    std::unique_ptr<RtpSession> rtp_ = std::make_unique<RtpSession>(static_cast<RtpSessionListener &>(*this));
    MediaMap map_;
    uint8_t mid_extension_id_ = 0;
    int video_rtx_payload_type_ = -1;
    boost::asio::steady_timer timer_{loop_.context()};
    MediaOptions media_;
    std::unique_ptr<VideoSource> video_;
    std::unique_ptr<AudioSource> audio_;
    std::unique_ptr<ProbeCounter> video_rx_, audio_rx_;
    int64_t media_start_us_ = 0;
    int64_t next_rtcp_us_ = 0;
    bool up_ = false, failed_ = false, sending_ = false;
    uint64_t retransmissions_received_ = 0;
    uint64_t keyframe_requests_ = 0;
    alignas(8) std::array<uint8_t, ClientTransport::kBufferSize> tx_{};

    // Shared with the other threads.
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    ClientStats stats_;
    std::vector<std::string> log_;
    EventLog events_;
    std::vector<RembReport> rembs_;
};

WebRtcClient::WebRtcClient(ClientOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
WebRtcClient::~WebRtcClient() = default;
void WebRtcClient::connect(uint16_t ws_port, std::chrono::milliseconds timeout) { impl_->connect(ws_port, timeout); }
uint64_t WebRtcClient::sessionId() const { return impl_->sessionId(); }
uint64_t WebRtcClient::handleId() const { return impl_->handleId(); }
void WebRtcClient::startMedia(const MediaOptions &options) { impl_->startMedia(options); }
void WebRtcClient::stopMedia() { impl_->stopMedia(); }
ClientStats WebRtcClient::stats() const { return impl_->stats(); }
bool WebRtcClient::waitFor(const std::function<bool(const ClientStats &)> &done, std::chrono::milliseconds timeout) {
    return impl_->waitFor(done, timeout);
}
std::string WebRtcClient::log() const { return impl_->log(); }
void WebRtcClient::renegotiate(std::chrono::milliseconds timeout) { impl_->renegotiate(timeout); }
Json WebRtcClient::message(const Json &body, std::chrono::milliseconds timeout) { return impl_->message(body, timeout); }
Json WebRtcClient::request(const Json &request, std::chrono::milliseconds timeout) {
    return impl_->request(request, timeout);
}
uint32_t WebRtcClient::videoSsrc() const { return impl_->videoSsrc(); }
uint32_t WebRtcClient::audioSsrc() const { return impl_->audioSsrc(); }
std::vector<Json> WebRtcClient::events() const { return impl_->events(); }
std::optional<Json> WebRtcClient::waitForEvent(const std::function<bool(const Json &)> &match,
                                              std::chrono::milliseconds timeout, size_t from) {
    return impl_->waitForEvent(match, timeout, from);
}
std::vector<RembReport> WebRtcClient::rembs() const { return impl_->rembs(); }

} // namespace portunus::test
