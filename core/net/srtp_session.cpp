#include "net/srtp_session.hpp"

#include "net/srtp_transform.hpp"
#include "rtp/byte_io.hpp"

namespace portunus::net {

namespace {

using rtp::read16;
using rtp::read32;

constexpr size_t kRtpFixedHeaderSize = 12;
constexpr size_t kRtcpHeaderSize = 8; // first header word and the sender SSRC
constexpr uint64_t kMaxRtpIndex = (uint64_t(1) << 48) - 1;

bool isVersion2(const uint8_t *packet) { return (packet[0] >> 6) == 2; }

// The RTP header's size with its CSRCs and extension, or 0 when the packet
// is not RTP version 2 or is shorter than its header says.
size_t rtpHeaderSize(const uint8_t *packet, size_t length) {
    if (length < kRtpFixedHeaderSize || !isVersion2(packet)) return 0;
    size_t size = kRtpFixedHeaderSize + 4 * size_t(packet[0] & 0x0f);
    if (packet[0] & 0x10) {
        if (length < size + 4) return 0;
        size += 4 + 4 * size_t(read16(packet + size + 2));
    }
    return size <= length ? size : 0;
}

// The packet index of sequence number `seq` given the highest index so far
// (RFC 3711 §3.3.1: the ROC - 1, ROC or ROC + 1 that lands closest), exactly
// as libsrtp's srtp_rdbx_estimate_index: while the highest index is at most
// 2^15 the ROC is taken as 0, so a stream's first packets never guess ROC - 1.
uint64_t estimateIndex(uint64_t highest, uint16_t seq) {
    constexpr int kMedian = 1 << 15;
    if (highest <= uint64_t(kMedian)) return seq;
    uint64_t roc = highest >> 16;
    int local = static_cast<int>(highest & 0xffff);
    if (local < kMedian) {
        if (seq - local > kMedian) --roc;
    } else if (local - kMedian > seq) {
        ++roc;
    }
    return (roc << 16) | seq;
}

} // namespace

SrtpSession::SrtpSession() = default;
SrtpSession::~SrtpSession() = default;

bool SrtpSession::start(SrtpProfile profile, Direction direction, const uint8_t *key_and_salt, std::string &error) {
    transform_.reset();
    stream_count_ = 0;
    last_ = 0;
    ssrcs_.fill(0);
    for (Stream &s : streams_) s = Stream{};
    if (!key_and_salt) {
        error = "no SRTP key";
        return false;
    }
    auto transform = std::make_unique<SrtpTransform>();
    if (!transform->init(profile, direction == Direction::outbound, key_and_salt, error)) return false;
    direction_ = direction;
    transform_ = std::move(transform);
    return true;
}

int SrtpSession::find(uint32_t ssrc) {
    if (last_ < stream_count_ && ssrcs_[last_] == ssrc) return static_cast<int>(last_);
    for (size_t i = 0; i < stream_count_; ++i)
        if (ssrcs_[i] == ssrc) {
            last_ = i;
            return static_cast<int>(i);
        }
    return -1;
}

int SrtpSession::add(uint32_t ssrc) {
    if (stream_count_ == kMaxStreams) return -1;
    size_t i = stream_count_++;
    ssrcs_[i] = ssrc;
    streams_[i] = Stream{};
    last_ = i;
    return static_cast<int>(i);
}

bool SrtpSession::protectRtp(uint8_t *packet, size_t &length) {
    if (!transform_ || direction_ != Direction::outbound || !packet) return false;
    size_t header = rtpHeaderSize(packet, length);
    if (!header) return false;
    uint32_t ssrc = read32(packet + 8);
    uint16_t seq = read16(packet + 2);
    int slot = find(ssrc);
    if (slot < 0 && stream_count_ == kMaxStreams) return false;
    // A new stream starts at ROC 0 (its window is fresh, the index is SEQ).
    uint64_t index = seq;
    auto verdict = SrtpReplayWindow<kRtpReplayWindow>::Verdict::fresh;
    if (slot >= 0) {
        index = estimateIndex(streams_[slot].rtp.highest(), seq);
        verdict = streams_[slot].rtp.check(index);
    }
    // A repeat is a retransmission (allow_repeat_tx); older than the window is refused.
    if (verdict == SrtpReplayWindow<kRtpReplayWindow>::Verdict::too_old || index > kMaxRtpIndex) return false;
    if (!transform_->protectRtp(packet, header, length, ssrc, index)) return false;
    if (slot < 0) slot = add(ssrc);
    if (verdict == SrtpReplayWindow<kRtpReplayWindow>::Verdict::fresh) streams_[slot].rtp.accept(index);
    length += transform_->rtpTagSize();
    return true;
}

bool SrtpSession::unprotectRtp(uint8_t *packet, size_t &length) {
    if (!transform_ || direction_ != Direction::inbound || !packet) return false;
    size_t header = rtpHeaderSize(packet, length);
    size_t tag = transform_->rtpTagSize();
    if (!header || length < header + tag) return false;
    uint32_t ssrc = read32(packet + 8);
    uint16_t seq = read16(packet + 2);
    int slot = find(ssrc);
    if (slot < 0 && stream_count_ == kMaxStreams) return false;
    uint64_t index = seq;
    if (slot >= 0) {
        index = estimateIndex(streams_[slot].rtp.highest(), seq);
        if (streams_[slot].rtp.check(index) != SrtpReplayWindow<kRtpReplayWindow>::Verdict::fresh) return false;
    }
    if (!transform_->unprotectRtp(packet, header, length, ssrc, index)) return false;
    // Authentic: only now does a new SSRC take a slot and the index count as seen.
    if (slot < 0) slot = add(ssrc);
    streams_[slot].rtp.accept(index);
    length -= tag;
    return true;
}

bool SrtpSession::protectRtcp(uint8_t *packet, size_t &length) {
    if (!transform_ || direction_ != Direction::outbound || !packet) return false;
    if (length < kRtcpHeaderSize || !isVersion2(packet)) return false;
    uint32_t ssrc = read32(packet + 4);
    int slot = find(ssrc);
    if (slot < 0 && stream_count_ == kMaxStreams) return false;
    // Like libsrtp, a stream's first SRTCP index is 1.
    uint32_t index = (slot >= 0 ? streams_[slot].rtcp_sent : 0) + 1;
    if (index > SrtpTransform::kMaxRtcpIndex) return false;
    if (!transform_->protectRtcp(packet, length, ssrc, index)) return false;
    if (slot < 0) slot = add(ssrc);
    streams_[slot].rtcp_sent = index;
    length += transform_->rtcpTrailerSize();
    return true;
}

bool SrtpSession::unprotectRtcp(uint8_t *packet, size_t &length) {
    if (!transform_ || direction_ != Direction::inbound || !packet) return false;
    size_t trailer = transform_->rtcpTrailerSize();
    if (length < kRtcpHeaderSize + trailer || !isVersion2(packet)) return false;
    uint32_t ssrc = read32(packet + 4);
    uint32_t index = transform_->rtcpEAndIndex(packet, length) & SrtpTransform::kMaxRtcpIndex;
    int slot = find(ssrc);
    if (slot < 0 && stream_count_ == kMaxStreams) return false;
    if (slot >= 0 && streams_[slot].rtcp.check(index) != SrtpReplayWindow<kRtcpReplayWindow>::Verdict::fresh)
        return false;
    if (!transform_->unprotectRtcp(packet, length, ssrc)) return false;
    if (slot < 0) slot = add(ssrc);
    streams_[slot].rtcp.accept(index);
    length -= trailer;
    return true;
}

} // namespace portunus::net
