#include "support/subscriber_client.hpp"

#include "loop/loop.hpp"
#include "rtp/header_extensions.hpp"
#include "rtp/rtcp/pli.hpp"
#include "rtp/rtp_packet.hpp"
#include "sdp/answerer.hpp"
#include "sdp/parser.hpp"
#include "sdp/transport.hpp"
#include "sdp/writer.hpp"
#include "session/media_map.hpp"
#include "session/rtp_session.hpp"
#include "support/client_transport.hpp"
#include "support/event_log.hpp"
#include "support/janus_signaling.hpp"
#include "support/loop_call.hpp"
#include "support/synthetic_media.hpp"

#include <portunus/media/vp8.hpp>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <fmt/format.h>

#include <condition_variable>
#include <future>
#include <mutex>
#include <stdexcept>

namespace portunus::test {

namespace {

constexpr unsigned kLoopIndex = 901;
constexpr auto kRtcpTick = std::chrono::milliseconds(20);

int64_t nowUs() { return steadyNowUs(); }


bool isKind(const Json &j, std::string_view kind) { return j.has("/janus") && j.str("/janus") == kind; }

bool carriesOffer(const Json &j) { return j.has("/jsep/type") && j.str("/jsep/type") == "offer"; }

} // namespace

class SubscriberClient::Impl : private ClientTransport::Listener, private RtpSessionListener {
public:
    Impl(uint16_t ws_port, const std::string &plugin, Json answer_body, std::string srtp_profile)
        : answer_body_(std::move(answer_body)), srtp_profile_(std::move(srtp_profile)), loop_(kLoopIndex),
          timer_(loop_.context()) {
        loop_.start();
        signaling_ = std::make_unique<JanusSignaling>(ws_port, [this](const Json &e) { onSignalingEvent(e); });
        signaling_->open(plugin);
        note(fmt::format("session {} handle {} ({})", signaling_->session(), signaling_->handle(), plugin));
    }

    ~Impl() {
        onLoop(loop_, [this] {
            timer_.cancel();
            transport_.reset();
            return 0;
        });
        try {
            signaling_.reset();
        } catch (...) {
        }
        loop_.stop();
    }

    uint64_t sessionId() const { return signaling_->session(); }
    uint64_t handleId() const { return signaling_->handle(); }

    Json message(const Json &body, std::chrono::milliseconds timeout) {
        Json reply = signaling_->request(Json().set("janus", "message").set("body", body),
                                         [](const Json &r) { return !isKind(r, "ack"); }, timeout);
        record(reply);
        if (carriesOffer(reply)) {
            Json answered = signaling_->request(
                Json().set("janus", "message").set("body", answer_body_).set("jsep", answerJsep(reply)),
                [](const Json &r) { return !isKind(r, "ack"); }, timeout);
            record(answered);
            if (answered.has("/plugindata/data/error"))
                throw std::runtime_error("our answer was refused: " + answered.text());
        }
        return reply;
    }

    std::map<std::string, ReceivedStream> streams() const {
        std::lock_guard lock(mutex_);
        return streams_;
    }
    bool waitFor(const std::function<bool(const std::map<std::string, ReceivedStream> &)> &done,
                 std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return done(streams_); });
    }
    bool connected() const {
        std::lock_guard lock(mutex_);
        return up_;
    }
    size_t offersAnswered() const {
        std::lock_guard lock(mutex_);
        return offers_answered_;
    }
    DelayHistogram delays(const std::string &mid) const {
        std::lock_guard lock(mutex_);
        auto it = probes_.find(mid);
        return it == probes_.end() ? DelayHistogram{} : it->second.delays();
    }
    std::vector<OfferedMid> offeredMids() const {
        std::lock_guard lock(mutex_);
        return offered_mids_;
    }
    bool waitForOffer(const std::function<bool(const std::vector<OfferedMid> &)> &done,
                      std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return done(offered_mids_); });
    }
    std::vector<Json> events() const { return events_.all(); }
    std::optional<Json> waitForEvent(const std::function<bool(const Json &)> &match, std::chrono::milliseconds timeout,
                                     size_t from) {
        return events_.waitFor(match, timeout, from);
    }
    std::string log() const {
        std::lock_guard lock(mutex_);
        std::string out;
        for (const auto &line : log_) out += line + "\n";
        return out;
    }

    void sendPli(const std::string &mid) {
        onLoop(loop_, [&] {
            int line = map_.lineForMid(mid);
            if (uint32_t media_ssrc = line >= 0 && rtp_ ? rtp_->remoteSsrc(line) : 0) writePli(media_ssrc);
            return 0;
        });
    }

private:
    static constexpr uint64_t kPacketsPerPli = 50; // while no keyframe came

    void writePli(uint32_t media_ssrc) { // on the loop
        if (!transport_) return;
        std::array<uint8_t, 12 + net::SrtpSession::kMaxTrailer> pli{};
        size_t n = rtp::rtcp::writePli(pli, 1, media_ssrc);
        transport_->sendRtcp(pli.data(), n);
    }

    void note(const std::string &what) {
        std::lock_guard lock(mutex_);
        log_.push_back(fmt::format("[subscriber] {}", what));
    }

    void record(const Json &event) { events_.add(event); }

    // ---- signaling (reader thread) ---------------------------------------------

    void onSignalingEvent(const Json &event) {
        if (isKind(event, "ack")) return;
        if (isKind(event, "trickle")) {
            if (!event.isObject("/candidate")) return;
            std::string candidate;
            if (!(event.has("/candidate/completed") && event.boolean("/candidate/completed")))
                candidate = event.str("/candidate/candidate");
            boost::asio::post(loop_.context(), [this, candidate] {
                if (transport_) transport_->addRemoteCandidate(candidate);
                else early_candidates_.push_back(candidate);
            });
            return;
        }
        note("event: " + event.text().substr(0, 300));
        // An unsolicited offer ("updated" when a feed went away): answer it
        // without waiting here, the reader must keep reading.
        if (carriesOffer(event)) {
            try {
                signaling_->post(Json().set("janus", "message").set("body", answer_body_).set("jsep", answerJsep(event)));
            } catch (const std::exception &e) { // the reader thread must go on (and a test may be ending)
                note(std::string("offer not answered: ") + e.what());
            }
        }
        record(event);
    }

    // Our answer to the offer in `event`, applied to the transport first.
    Json answerJsep(const Json &event) {
        std::string text = event.str("/jsep/sdp");
        std::string error;
        std::string answer = onLoop(loop_, [&] { return answerOnLoop(text, error); });
        if (answer.empty()) throw std::runtime_error("cannot answer the server's offer: " + error);
        return Json().set("type", "answer").set("sdp", answer);
    }

    // ---- negotiation (loop) ----------------------------------------------------

    std::string answerOnLoop(const std::string &text, std::string &error) {
        sdp::SessionDescription offer;
        if (!sdp::parse(text, offer, error)) return {};
        bool first = !transport_;
        if (first) {
            ClientTransport::Options options;
            options.controlling = false; // the server offered: it controls
            options.srtp_profile = srtp_profile_;
            transport_ = std::make_unique<ClientTransport>(loop_, static_cast<ClientTransport::Listener &>(*this),
                                                           options);
            rtp_ = std::make_unique<RtpSession>(static_cast<RtpSessionListener &>(*this));
        }
        sdp::AnswerOptions wanted;
        wanted.defaults.direction = sdp::Direction::RecvOnly;
        sdp::SessionDescription answer = sdp::answer(offer, wanted);
        sdp::TransportParams t;
        t.iceUfrag = transport_->iceUfrag();
        t.icePwd = transport_->icePassword();
        t.fingerprint = {"sha-256", transport_->fingerprint()};
        t.setup = sdp::Setup::Active; // we are the DTLS client
        t.sessionVersion = ++session_version_;
        sdp::setTransport(answer, t);

        map_.build(offer, answer);
        rtp::ExtensionMap extensions;
        for (const auto &m : answer.media)
            if (!m.rejected() && m.isRtp())
                for (const auto &e : m.extmaps) extensions.add(e.uri, static_cast<uint8_t>(e.id));
        rtp_->configure(map_, extensions, "portunus-test-subscriber");
        {
            std::lock_guard lock(mutex_);
            offered_mids_.clear();
            for (const auto &m : offer.media) offered_mids_.push_back({m.mid, m.media(), !m.rejected()});
            ++offers_answered_;
            changed_.notify_all();
        }
        if (first) {
            const sdp::MediaSection *bundle = nullptr;
            for (const auto &m : offer.media)
                if (!m.rejected()) {
                    bundle = &m;
                    break;
                }
            if (!bundle) {
                error = "no active m-line";
                return {};
            }
            ClientTransport::Remote remote;
            remote.ufrag = offer.iceUfragOf(*bundle).value_or("");
            remote.pwd = offer.icePwdOf(*bundle).value_or("");
            for (const auto &f : offer.fingerprintsOf(*bundle))
                if (f.hashFunction == "sha-256") {
                    remote.fingerprint_hash = f.hashFunction;
                    remote.fingerprint = f.value;
                }
            remote.candidates = bundle->candidates;
            remote.end_of_candidates = bundle->endOfCandidates;
            first_mid_ = bundle->mid;
            if (!transport_->start(remote, error)) return {};
            for (const auto &c : std::exchange(early_candidates_, {})) transport_->addRemoteCandidate(c);
        }
        note(fmt::format("answered an offer of {} m-lines", offer.media.size()));
        return sdp::write(answer);
    }

    // ---- transport (loop) ------------------------------------------------------

    void onTransportCandidate(const std::string &candidate) override {
        signaling_->trickle(candidate, first_mid_, 0);
    }
    void onTransportUp() override {
        note("DTLS-SRTP up");
        {
            std::lock_guard lock(mutex_);
            up_ = true;
            changed_.notify_all();
        }
        tick();
    }
    void onTransportFailed(const std::string &reason) override { note("transport failed: " + reason); }

    void onTransportRtp(uint8_t *data, size_t length) override {
        auto packet = rtp::RtpPacket::parse(data, length, ClientTransport::kBufferSize);
        if (!packet) return;
        std::optional<rtp::SdesId> sdes;
        if (map_.midExtensionId()) sdes = rtp::readSdesId(packet->extension(map_.midExtensionId()));
        int index = map_.lineFor(packet->ssrc(), sdes ? sdes->view() : std::string_view());
        const MediaLine *line = index >= 0 ? map_.line(static_cast<uint16_t>(index)) : nullptr;
        if (!line) return;
        int64_t now = nowUs();
        if (!rtp_->onRtpReceived(index, *packet, now)) return;
        auto payload = packet->payload();
        std::optional<rtp::AudioLevel> level;
        if (line->audio && map_.audioLevelExtensionId())
            level = rtp::readAudioLevel(packet->extension(map_.audioLevelExtensionId()));

        std::lock_guard lock(mutex_);
        ReceivedStream &s = streams_[line->mid];
        ProbeCounter &probes = probes_[line->mid];
        ++s.packets;
        if (s.ssrc && s.ssrc != packet->ssrc()) ++s.ssrc_changes;
        uint16_t seq = packet->sequence();
        if (s.packets > 1 && s.ssrc == packet->ssrc() && uint16_t(seq - last_seq_[line->mid] + 100) > 200) ++s.seq_jumps;
        last_seq_[line->mid] = seq;
        s.ssrc = packet->ssrc();
        if (auto probe = readProbe(payload)) probes.onProbe(*probe, now);
        s.unique = probes.unique();
        s.expected = probes.expected();
        s.last_probe = probes.lastSeq();
        s.jitter_ms = probes.jitterMs();
        if (line->video && media::isVp8Keyframe(payload.data(), payload.size())) {
            ++s.keyframes;
            media::vp8KeyframeSize(payload.data(), payload.size(), s.width, s.height);
        } else if (line->video && s.keyframes == 0 && s.packets % kPacketsPerPli == 1) {
            // Nothing to decode from yet: ask, as a browser's decoder does.
            writePli(packet->ssrc());
        }
        if (level) {
            s.has_audio_level = true;
            s.last_audio_level = level->level;
        }
        changed_.notify_all();
    }

    void onTransportRtcp(uint8_t *data, size_t length) override { rtp_->onRtcpReceived(data, length, nowUs()); }

    void onRtpSessionSendRtp(uint8_t *data, size_t length) override { transport_->sendRtp(data, length); }
    void onRtpSessionSendRtcp(uint8_t *data, size_t length) override { transport_->sendRtcp(data, length); }

    void tick() {
        timer_.expires_after(kRtcpTick);
        timer_.async_wait([this](const boost::system::error_code &ec) {
            if (ec || !transport_) return;
            rtp_->tick(nowUs());
            tick();
        });
    }

    Json answer_body_;
    std::string srtp_profile_;
    Loop loop_;
    boost::asio::steady_timer timer_;
    std::unique_ptr<JanusSignaling> signaling_;

    // Loop-confined.
    std::unique_ptr<ClientTransport> transport_;
    std::unique_ptr<RtpSession> rtp_;
    MediaMap map_;
    std::vector<std::string> early_candidates_;
    std::string first_mid_ = "0";
    uint64_t session_version_ = 0;

    // Shared, under mutex_.
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    bool up_ = false;
    size_t offers_answered_ = 0;
    std::vector<OfferedMid> offered_mids_;
    std::map<std::string, ReceivedStream> streams_;
    std::map<std::string, ProbeCounter> probes_;
    std::map<std::string, uint16_t> last_seq_;
    EventLog events_;
    std::vector<std::string> log_;
};

SubscriberClient::SubscriberClient(uint16_t ws_port, std::string plugin, Json answer_body, std::string srtp_profile)
    : impl_(std::make_unique<Impl>(ws_port, plugin, std::move(answer_body), std::move(srtp_profile))) {}
SubscriberClient::~SubscriberClient() = default;
uint64_t SubscriberClient::sessionId() const { return impl_->sessionId(); }
uint64_t SubscriberClient::handleId() const { return impl_->handleId(); }
Json SubscriberClient::message(const Json &body, std::chrono::milliseconds timeout) {
    return impl_->message(body, timeout);
}
std::map<std::string, ReceivedStream> SubscriberClient::streams() const { return impl_->streams(); }
bool SubscriberClient::waitFor(const std::function<bool(const std::map<std::string, ReceivedStream> &)> &done,
                               std::chrono::milliseconds timeout) {
    return impl_->waitFor(done, timeout);
}
bool SubscriberClient::connected() const { return impl_->connected(); }
size_t SubscriberClient::offersAnswered() const { return impl_->offersAnswered(); }
std::vector<OfferedMid> SubscriberClient::offeredMids() const { return impl_->offeredMids(); }
bool SubscriberClient::waitForOffer(const std::function<bool(const std::vector<OfferedMid> &)> &done,
                                    std::chrono::milliseconds timeout) {
    return impl_->waitForOffer(done, timeout);
}
std::string SubscriberClient::midOf(const std::string &kind) const {
    for (const auto &m : offeredMids())
        if (m.active && m.kind == kind) return m.mid;
    return {};
}
DelayHistogram SubscriberClient::delays(const std::string &mid) const { return impl_->delays(mid); }
void SubscriberClient::sendPli(const std::string &mid) { impl_->sendPli(mid); }
std::vector<Json> SubscriberClient::events() const { return impl_->events(); }
std::optional<Json> SubscriberClient::waitForEvent(const std::function<bool(const Json &)> &match,
                                                   std::chrono::milliseconds timeout, size_t from) {
    return impl_->waitForEvent(match, timeout, from);
}
std::string SubscriberClient::log() const { return impl_->log(); }

} // namespace portunus::test
