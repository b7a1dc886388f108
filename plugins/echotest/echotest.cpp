// echotest: the smallest Portunus plugin. It answers Janus echotest requests
// (audio/video on or off, bitrate cap) and, once a handle has media, sends the
// peer back what it sent. Janus-compatible as "janus.plugin.echotest".
#include <portunus/media/rtcp.hpp>
#include <portunus/plugin.hpp>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <atomic>
#include <memory>
#include <string>

namespace {

// Janus echotest's error codes, so existing clients read them unchanged.
constexpr int kErrorInvalidJson = 412;
constexpr int kErrorInvalidElement = 413;
constexpr int kErrorInvalidSdp = 414;

struct EchoSession {
    std::atomic<bool> audio{true};
    std::atomic<bool> video{true};
    std::atomic<uint32_t> bitrate{0}; // 0 = no cap
    bool keyframe_asked = false;      // media loop only
    uint32_t video_ssrc = 0;          // media loop only: the browser's, for REMB
    uint32_t remb_sent_for = 0;       // the cap last announced
    unsigned packets_since_remb = 0;
};

// REMB is a standing cap only while it is repeated: about once a second of video.
constexpr unsigned kRembEveryPackets = 100;

std::string toJson(const rapidjson::Value &v) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    v.Accept(w);
    return buf.GetString();
}

std::string errorEvent(int code, const std::string &text) {
    rapidjson::Document d(rapidjson::kObjectType);
    auto &a = d.GetAllocator();
    d.AddMember("echotest", "event", a);
    d.AddMember("error_code", code, a);
    d.AddMember("error", rapidjson::Value(text.c_str(), a), a);
    return toJson(d);
}

class EchoTest final : public portunus::Plugin {
public:
    bool createSession(portunus::Handle h, std::string &) override {
        host().set_handle_data(h.raw(), new EchoSession());
        sessions_.fetch_add(1);
        return true;
    }

    void destroySession(portunus::Handle h) override {
        delete state(h);
        host().set_handle_data(h.raw(), nullptr);
        sessions_.fetch_sub(1);
    }

    portunus::Result handleMessage(portunus::Handle h, std::string_view transaction, std::string_view body,
                                   std::string_view jsep) override {
        rapidjson::Document req;
        req.Parse(body.data(), body.size());
        EchoSession &s = *state(h);
        std::string event = apply(req, s);
        std::string answer;
        if (!jsep.empty() && !answerTo(jsep, answer)) event = errorEvent(kErrorInvalidSdp, "cannot answer this offer");
        pushEvent(h, transaction, event, answer);
        return portunus::Result::wait();
    }

    void incomingRtp(portunus::Handle h, const portunus_rtp &packet) override {
        EchoSession &s = *state(h);
        if (!(packet.is_video ? s.video.load(std::memory_order_relaxed) : s.audio.load(std::memory_order_relaxed))) return;
        if (packet.is_video && !s.keyframe_asked) {
            s.keyframe_asked = true; // start the echo on a keyframe
            sendPli(h, packet.mindex);
        }
        if (packet.is_video) capBitrate(h, s, packet);
        relayRtp(h, packet);
    }

    void incomingRtcp(portunus::Handle h, const portunus_rtcp &packet) override {
        // The browser asks for a keyframe of what we echo: ask it of itself.
        if (packet.is_video && portunus::media::asksKeyframe(packet.data, packet.length)) sendPli(h, packet.mindex);
    }

    // Data channel messages go back unchanged, on the channel they came on.
    void incomingData(portunus::Handle h, const portunus_data &message) override { relayData(h, message); }

    void hangupMedia(portunus::Handle h) override { state(h)->keyframe_asked = false; }

    portunus::Result handleAdminMessage(std::string_view request) override {
        rapidjson::Document req;
        req.Parse(request.data(), request.size());
        if (req.HasParseError() || !req.IsObject() || !req.HasMember("request") || !req["request"].IsString())
            return portunus::Result::error(kErrorInvalidElement, "missing 'request'");
        if (std::string_view(req["request"].GetString()) != "stats")
            return portunus::Result::error(kErrorInvalidElement, "unknown request (try 'stats')");
        return portunus::Result::ok("{\"sessions\":" + std::to_string(sessions_.load()) + "}");
    }

    std::string querySession(portunus::Handle h) override {
        const EchoSession &s = *state(h);
        return std::string("{\"audio_active\":") + (s.audio ? "true" : "false") +
               ",\"video_active\":" + (s.video ? "true" : "false") + ",\"bitrate\":" + std::to_string(s.bitrate.load()) + "}";
    }

private:
    // Janus echotest's "bitrate": a REMB cap towards the browser's video.
    void capBitrate(portunus::Handle h, EchoSession &s, const portunus_rtp &packet) {
        uint32_t cap = s.bitrate.load(std::memory_order_relaxed);
        s.video_ssrc = portunus::media::rtpSsrc(packet.data, packet.length);
        if (!cap || (cap == s.remb_sent_for && ++s.packets_since_remb < kRembEveryPackets)) return;
        uint8_t remb[24];
        portunus_rtcp out{};
        out.data = remb;
        out.length = static_cast<uint32_t>(portunus::media::writeRemb(remb, sizeof remb, 1, s.video_ssrc, cap));
        out.mindex = packet.mindex;
        out.is_video = 1;
        if (relayRtcp(h, out) == PORTUNUS_STATUS_OK) {
            s.remb_sent_for = cap;
            s.packets_since_remb = 0;
        }
    }

    // Answers an offer accepting what an echo can send back: audio, video, data.
    bool answerTo(std::string_view jsep, std::string &out) const {
        rapidjson::Document d;
        d.Parse(jsep.data(), jsep.size());
        if (d.HasParseError() || !d.IsObject() || !d.HasMember("sdp") || !d["sdp"].IsString()) return false;
        std::string sdp(1 << 16, '\0');
        static constexpr std::string_view kOptions = R"({"direction":"sendrecv","data":true})";
        int64_t n = host().sdp_answer(&host(), d["sdp"].GetString(), d["sdp"].GetStringLength(), kOptions.data(),
                                      kOptions.size(), sdp.data(), sdp.size());
        if (n < 0) return false;
        sdp.resize(static_cast<size_t>(n));
        rapidjson::Document answer(rapidjson::kObjectType);
        auto &a = answer.GetAllocator();
        answer.AddMember("type", "answer", a);
        answer.AddMember("sdp", rapidjson::Value(sdp.c_str(), static_cast<rapidjson::SizeType>(sdp.size()), a), a);
        out = toJson(answer);
        return true;
    }

    EchoSession *state(portunus::Handle h) const { return static_cast<EchoSession *>(host().handle_data(h.raw())); }

    // Applies a request to the session; returns the event to send back.
    static std::string apply(const rapidjson::Document &req, EchoSession &s) {
        if (req.HasParseError() || !req.IsObject()) return errorEvent(kErrorInvalidJson, "JSON error: not an object");
        for (const char *flag : {"audio", "video"}) {
            auto it = req.FindMember(flag);
            if (it != req.MemberEnd() && !it->value.IsBool())
                return errorEvent(kErrorInvalidElement, std::string("Invalid element (") + flag + " should be a boolean)");
        }
        auto bitrate = req.FindMember("bitrate");
        if (bitrate != req.MemberEnd() && !bitrate->value.IsUint())
            return errorEvent(kErrorInvalidElement, "Invalid element (bitrate should be a positive integer)");
        if (req.HasMember("audio")) s.audio = req["audio"].GetBool();
        if (req.HasMember("video")) s.video = req["video"].GetBool();
        if (bitrate != req.MemberEnd()) s.bitrate = bitrate->value.GetUint();
        return R"({"echotest":"event","result":"ok"})";
    }

    std::atomic<int> sessions_{0};
};

constexpr const char *kAliases[] = {"janus.plugin.echotest", nullptr};

} // namespace

PORTUNUS_EXPORT_PLUGIN(EchoTest, {
    .package = "portunus.plugin.echotest",
    .name = "Echo test",
    .description = "Sends back what it receives; answers Janus echotest requests.",
    .version = 1,
    .version_string = "0.1.0",
    .aliases = kAliases,
    .config_schema = R"({"type": "object", "properties": {}})",
})
