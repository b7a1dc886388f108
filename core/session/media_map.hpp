// What each m-line of a PeerConnection carries, built from the remote offer
// and our answer, and the per-packet lookups on it: which m-line an incoming
// RTP packet belongs to (by SSRC, learned from the MID header extension or the
// SDP), and which SSRC we send with on each line. Fixed-size tables: the media
// path asks without allocating.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace portunus::sdp {
struct SessionDescription;
}

namespace portunus {

struct MediaLine {
    uint16_t index = 0;
    std::string mid;
    bool video = false;
    bool audio = false;
    bool data = false;    // an SCTP (data channel) section
    bool rejected = false;
    bool send = false;    // we send on it (our answer's direction)
    bool receive = false; // we receive on it
    uint32_t clock_rate = 0;
    uint32_t local_ssrc = 0;
    uint32_t local_rtx_ssrc = 0;
    int rtx_payload_type = -1;        // ours to send retransmissions with, -1 = no RTX
    int remote_rtx_payload_type = -1; // the peer's RTX payload type on this line
    // Header extension ids we write on what we send (0 = not negotiated).
    uint8_t mid_extension_id = 0;
    uint8_t audio_level_extension_id = 0;
    // The peer's simulcast layers, lowest quality first: by rid (the offer
    // lists them highest first, as browsers do), or by an ssrc-group SIM.
    std::vector<std::string> rids;
    std::vector<uint32_t> sim_ssrcs;
};

class MediaMap {
public:
    static constexpr size_t kMaxSsrcs = 64;

    // Lines in m-line order. Local SSRCs are drawn here, once per line.
    void build(const sdp::SessionDescription &remote, const sdp::SessionDescription &local);
    const std::vector<MediaLine> &lines() const { return lines_; }
    const MediaLine *line(uint16_t index) const { return index < lines_.size() ? &lines_[index] : nullptr; }

    // The header extension ids of what the peer sends (0 = not negotiated).
    uint8_t midExtensionId() const { return mid_extension_id_; }
    uint8_t audioLevelExtensionId() const { return audio_level_extension_id_; }

    // -1 when unknown. `mid` may be empty (no extension on the packet).
    int lineFor(uint32_t ssrc, std::string_view mid);
    int lineForMid(std::string_view mid) const;
    // The line a remote SSRC was seen on (for RTCP about it), -1 when unknown.
    int lineForSsrc(uint32_t ssrc) const;
    // The line whose local SSRC is `ssrc` (RTCP feedback about what we send).
    int lineForLocalSsrc(uint32_t ssrc) const;
    // Keeps the local SSRCs of an earlier negotiation (re-offers keep streams).
    void keepLocalSsrcs(const MediaMap &previous);

private:
    void learn(uint32_t ssrc, int line);

    std::vector<MediaLine> lines_;
    uint8_t mid_extension_id_ = 0;
    uint8_t audio_level_extension_id_ = 0;
    struct Known {
        uint32_t ssrc;
        int16_t line;
    };
    std::array<Known, kMaxSsrcs> known_{};
    size_t known_count_ = 0;
};

} // namespace portunus
