// The SDP side of a test WebRTC client: the offer a browser would make for
// one audio and one video track (BUNDLE, rtcp-mux, trickle ICE, DTLS actpass;
// opus/48000/2; VP8/90000 with RTX, nack, nack pli, ccm fir; the mid header
// extension; our SSRCs with an RTX FID group), built with the sdp model, and
// what the server's answer makes of it: the MediaMap and extension ids an
// RtpSession is configured with, the server's ICE/DTLS parameters.
#pragma once

#include "rtp/header_extensions.hpp"
#include "sdp/session_description.hpp"
#include "session/media_map.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace portunus::test {

class ClientOffer {
public:
    static constexpr int kOpusPayloadType = 111;
    static constexpr int kVp8PayloadType = 96;
    static constexpr int kRtxPayloadType = 97;
    static constexpr int kMidExtensionId = 1;
    static constexpr uint16_t kAudioLine = 0; // m-line indexes
    static constexpr uint16_t kVideoLine = 1;

    struct Params {
        std::string ice_ufrag, ice_pwd;
        std::string fingerprint; // sha-256 of our DTLS certificate, "AB:CD:…"
        std::string cname = "portunus-test-client";
        bool rtx = true; // offer RTX on the video line
    };

    // Builds the offer; our SSRCs are drawn here.
    explicit ClientOffer(const Params &params);

    const sdp::SessionDescription &offer() const { return offer_; }
    std::string offerText() const;

    // Takes the server's answer; false (with `error`) when it does not parse
    // or lacks what we need (ICE credentials, a sha-256 fingerprint).
    bool applyAnswer(std::string_view sdp, std::string &error);

    // After applyAnswer(): the lines as we see them (our offer is the local
    // description, with our SSRCs), extension ids, the server's transport.
    const MediaMap &map() const { return map_; }
    rtp::ExtensionMap extensions() const;
    const sdp::SessionDescription &answer() const { return answer_; }
    struct RemoteTransport {
        std::string ufrag, pwd, fingerprint_hash, fingerprint;
        std::vector<std::string> candidates;
        bool end_of_candidates = false;
        bool dtls_client = true; // the answer is passive (Portunus) rather than active (Janus)
    };
    const RemoteTransport &remote() const { return remote_; }

    // Our SSRCs (known from construction).
    uint32_t audioSsrc() const;
    uint32_t videoSsrc() const;
    uint32_t videoRtxSsrc() const; // 0 without RTX
    const std::string &mid(uint16_t line) const { return offer_.media[line].mid; }
    const std::string &cname() const { return params_.cname; }
    const Params &params() const { return params_; }

private:
    Params params_;
    sdp::SessionDescription offer_;
    MediaMap local_; // our SSRCs, drawn from the offer alone
    sdp::SessionDescription answer_;
    MediaMap map_;
    RemoteTransport remote_;
};

} // namespace portunus::test
