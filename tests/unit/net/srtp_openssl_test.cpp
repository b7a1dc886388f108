// SrtpSession (our SRTP/SRTCP on OpenSSL) against libsrtp2 as the oracle,
// for both profiles: byte-identical protection, each side unprotecting the
// other's packets, and the same accept/refuse decision for reordered,
// repeated and late packets across a sequence-number wrap. libsrtp is
// configured as SrtpSession used it before (window 1024, allow_repeat_tx).
#include "net/srtp_session.hpp"

#include <srtp2/srtp.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <deque>
#include <random>
#include <vector>

using namespace portunus::net;

namespace {

using Direction = SrtpSession::Direction;
constexpr SrtpProfile kProfiles[] = {SrtpProfile::aes_cm_128_hmac_sha1_80, SrtpProfile::aead_aes_128_gcm};

struct Buffer {
    std::array<uint8_t, 1600> data{};
    size_t size = 0;
    bool operator==(const Buffer &o) const {
        return size == o.size &&
               std::equal(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(size), o.data.begin());
    }
};

class Libsrtp {
public:
    Libsrtp(SrtpProfile profile, Direction direction, const uint8_t *key) {
        static const bool initialised = srtp_init() == srtp_err_status_ok;
        EXPECT_TRUE(initialised);
        srtp_policy_t policy{};
        if (profile == SrtpProfile::aead_aes_128_gcm) {
            srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp);
            srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtcp);
        } else {
            srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtp);
            srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtcp);
        }
        policy.ssrc.type = direction == Direction::inbound ? ssrc_any_inbound : ssrc_any_outbound;
        policy.key = const_cast<uint8_t *>(key);
        policy.window_size = SrtpSession::kRtpReplayWindow;
        policy.allow_repeat_tx = 1;
        EXPECT_EQ(srtp_create(&session_, &policy), srtp_err_status_ok);
    }
    ~Libsrtp() {
        if (session_) srtp_dealloc(session_);
    }
    Libsrtp(const Libsrtp &) = delete;
    Libsrtp &operator=(const Libsrtp &) = delete;

    bool protectRtp(Buffer &b) { return run(b, srtp_protect); }
    bool protectRtcp(Buffer &b) { return run(b, srtp_protect_rtcp); }
    bool unprotectRtp(Buffer &b) { return run(b, srtp_unprotect); }
    bool unprotectRtcp(Buffer &b) { return run(b, srtp_unprotect_rtcp); }

private:
    template <typename F>
    bool run(Buffer &b, F f) {
        int n = static_cast<int>(b.size);
        if (f(session_, b.data.data(), &n) != srtp_err_status_ok) return false;
        b.size = static_cast<size_t>(n);
        return true;
    }
    srtp_t session_ = nullptr;
};

std::array<uint8_t, 32> randomKey(std::mt19937 &rng) {
    std::array<uint8_t, 32> key{};
    for (auto &b : key) b = static_cast<uint8_t>(rng());
    return key;
}

// An RTP packet with `csrcs` CSRCs, an optional one-byte-header extension of
// `ext_words` words, `payload` random bytes and optional padding.
Buffer rtp(std::mt19937 &rng, uint32_t ssrc, uint16_t seq, size_t payload, int csrcs, int ext_words, bool padding) {
    Buffer b;
    uint8_t *p = b.data.data();
    p[0] = static_cast<uint8_t>(0x80 | (padding ? 0x20 : 0) | (ext_words >= 0 ? 0x10 : 0) | csrcs);
    p[1] = static_cast<uint8_t>((rng() & 0x80) | 96);
    p[2] = static_cast<uint8_t>(seq >> 8);
    p[3] = static_cast<uint8_t>(seq);
    for (int i = 4; i < 8; ++i) p[i] = static_cast<uint8_t>(rng());
    for (int i = 0; i < 4; ++i) p[8 + i] = static_cast<uint8_t>(ssrc >> (24 - 8 * i));
    size_t n = 12;
    for (int i = 0; i < 4 * csrcs; ++i) p[n++] = static_cast<uint8_t>(rng());
    if (ext_words >= 0) {
        p[n++] = 0xBE;
        p[n++] = 0xDE;
        p[n++] = 0;
        p[n++] = static_cast<uint8_t>(ext_words);
        for (int i = 0; i < 4 * ext_words; ++i) p[n++] = static_cast<uint8_t>(rng());
    }
    for (size_t i = 0; i < payload; ++i) p[n++] = static_cast<uint8_t>(rng());
    if (padding) {
        uint8_t pad = static_cast<uint8_t>(1 + rng() % 4);
        for (uint8_t i = 1; i < pad; ++i) p[n++] = 0;
        p[n++] = pad;
    }
    b.size = n;
    return b;
}

Buffer randomRtp(std::mt19937 &rng, uint32_t ssrc, uint16_t seq) {
    int ext = static_cast<int>(rng() % 4) - 1; // -1: no extension
    return rtp(rng, ssrc, seq, rng() % 1200, static_cast<int>(rng() % 4), ext, rng() % 5 == 0);
}

// A receiver report (or a compound of them) from `ssrc` with `words` more words.
Buffer rtcp(std::mt19937 &rng, uint32_t ssrc, size_t words) {
    Buffer b;
    uint8_t *p = b.data.data();
    p[0] = 0x81;
    p[1] = 201;
    p[2] = static_cast<uint8_t>((words + 1) >> 8);
    p[3] = static_cast<uint8_t>(words + 1);
    for (int i = 0; i < 4; ++i) p[4 + i] = static_cast<uint8_t>(ssrc >> (24 - 8 * i));
    for (size_t i = 0; i < 4 * words; ++i) p[8 + i] = static_cast<uint8_t>(rng());
    b.size = 8 + 4 * words;
    return b;
}

struct Endpoints {
    SrtpSession ours_out, ours_in;
    Libsrtp lib_out, lib_in;
    Endpoints(SrtpProfile profile, const std::array<uint8_t, 32> &key)
        : lib_out(profile, Direction::outbound, key.data()), lib_in(profile, Direction::inbound, key.data()) {
        std::string error;
        EXPECT_TRUE(ours_out.start(profile, Direction::outbound, key.data(), error)) << error;
        EXPECT_TRUE(ours_in.start(profile, Direction::inbound, key.data(), error)) << error;
    }
};

} // namespace

TEST(SrtpOpenSsl, ProtectsLikeLibsrtpAndEachUnprotectsTheOther) {
    for (SrtpProfile profile : kProfiles) {
        SCOPED_TRACE(std::string(configName(profile)));
        std::mt19937 rng(profile == SrtpProfile::aead_aes_128_gcm ? 11 : 12);
        auto key = randomKey(rng);
        Endpoints e(profile, key);

        // Eight SSRCs, each from just below the wrap to well past it (ROC 0 -> 1).
        std::vector<uint32_t> ssrcs;
        std::vector<uint16_t> seqs;
        for (int i = 0; i < 8; ++i) {
            ssrcs.push_back(static_cast<uint32_t>(rng()));
            seqs.push_back(static_cast<uint16_t>(65536 - 100 - 10 * i));
        }
        struct Sent {
            Buffer plain, ours, theirs;
            bool rtcp;
        };
        std::vector<Sent> sent;
        for (int round = 0; round < 300; ++round)
            for (size_t s = 0; s < ssrcs.size(); ++s) {
                bool is_rtcp = rng() % 8 == 0;
                Sent x;
                x.rtcp = is_rtcp;
                x.plain = is_rtcp ? rtcp(rng, ssrcs[s], rng() % 40) : randomRtp(rng, ssrcs[s], seqs[s]++);
                x.ours = x.theirs = x.plain;
                size_t before = x.plain.size;
                ASSERT_TRUE(is_rtcp ? e.ours_out.protectRtcp(x.ours.data.data(), x.ours.size)
                                    : e.ours_out.protectRtp(x.ours.data.data(), x.ours.size));
                ASSERT_TRUE(is_rtcp ? e.lib_out.protectRtcp(x.theirs) : e.lib_out.protectRtp(x.theirs));
                ASSERT_LE(x.ours.size - before, SrtpSession::kMaxTrailer);
                // SRTP is deterministic: same key, index and packet give the same bytes.
                ASSERT_TRUE(x.ours == x.theirs) << "round " << round << " ssrc " << s << (is_rtcp ? " rtcp" : " rtp");
                sent.push_back(x);
            }

        // Deliver with some reordering (within an SSRC, across the wrap too).
        for (size_t i = 0; i + 24 < sent.size(); ++i)
            if (rng() % 4 == 0) std::swap(sent[i], sent[i + 8 * (1 + rng() % 3)]);
        for (size_t i = 0; i < sent.size(); ++i) {
            Sent &x = sent[i];
            Buffer a = x.ours, b = x.theirs;
            bool ours_ok = x.rtcp ? e.ours_in.unprotectRtcp(b.data.data(), b.size)
                                  : e.ours_in.unprotectRtp(b.data.data(), b.size);
            bool lib_ok = x.rtcp ? e.lib_in.unprotectRtcp(a) : e.lib_in.unprotectRtp(a);
            ASSERT_TRUE(ours_ok) << "delivery " << i;
            ASSERT_TRUE(lib_ok) << "delivery " << i;
            EXPECT_TRUE(b == x.plain) << "delivery " << i;
            EXPECT_TRUE(a == x.plain) << "delivery " << i;
        }
    }
}

TEST(SrtpOpenSsl, ReplayAndRolloverDecisionsMatchLibsrtp) {
    // One stream sent in order from seq 64000 (ROC 0 -> 1), delivered with
    // reordering, duplicates and stragglers beyond the window: ours and
    // libsrtp must accept and refuse exactly the same packets.
    for (SrtpProfile profile : kProfiles) {
        SCOPED_TRACE(std::string(configName(profile)));
        std::mt19937 rng(profile == SrtpProfile::aead_aes_128_gcm ? 21 : 22);
        auto key = randomKey(rng);
        Endpoints e(profile, key);
        const uint32_t ssrc = 0x01020304;
        std::vector<Buffer> rtp_sent, rtcp_sent;
        for (int i = 0; i < 4000; ++i) {
            Buffer b = rtp(rng, ssrc, static_cast<uint16_t>(64000 + i), 20 + rng() % 100, 1, 1, false);
            ASSERT_TRUE(e.ours_out.protectRtp(b.data.data(), b.size));
            rtp_sent.push_back(b);
            if (i % 4 == 0) {
                Buffer r = rtcp(rng, ssrc, 6);
                ASSERT_TRUE(e.ours_out.protectRtcp(r.data.data(), r.size));
                rtcp_sent.push_back(r);
            }
        }
        auto schedule = [&rng](size_t count, size_t straggle) {
            std::vector<size_t> order;
            for (size_t i = 0; i < count; ++i) {
                order.push_back(i);
                uint32_t r = rng() % 100;
                if (r < 5 && i > 0) order.push_back(i - 1 - rng() % std::min<size_t>(i, 30)); // a duplicate
                if (r == 5 && i > straggle + 50) order.push_back(i - straggle - rng() % 50); // older than the window
            }
            for (size_t i = 0; i + 40 < order.size(); ++i)
                if (rng() % 3 == 0) std::swap(order[i], order[i + 1 + rng() % 40]);
            return order;
        };
        size_t accepted = 0, refused = 0;
        for (size_t i : schedule(rtp_sent.size(), SrtpSession::kRtpReplayWindow)) {
            Buffer a = rtp_sent[i], b = rtp_sent[i];
            bool ours = e.ours_in.unprotectRtp(a.data.data(), a.size);
            ASSERT_EQ(ours, e.lib_in.unprotectRtp(b)) << "rtp packet " << i;
            if (ours) {
                ASSERT_TRUE(a == b);
            }
            (ours ? accepted : refused)++;
        }
        EXPECT_GT(refused, 100u);
        EXPECT_GT(accepted, 3900u);
        accepted = refused = 0;
        for (size_t i : schedule(rtcp_sent.size(), SrtpSession::kRtcpReplayWindow)) {
            Buffer a = rtcp_sent[i], b = rtcp_sent[i];
            bool ours = e.ours_in.unprotectRtcp(a.data.data(), a.size);
            ASSERT_EQ(ours, e.lib_in.unprotectRtcp(b)) << "rtcp packet " << i;
            if (ours) {
                ASSERT_TRUE(a == b);
            }
            (ours ? accepted : refused)++;
        }
        EXPECT_GT(refused, 10u);
        EXPECT_GT(accepted, 990u);
    }
}

TEST(SrtpOpenSsl, RepeatedSendsMatchLibsrtpAllowRepeatTx) {
    // Retransmitting an original re-protects its sequence number: allowed
    // inside the window (same bytes as the first time), refused beyond it.
    for (SrtpProfile profile : kProfiles) {
        SCOPED_TRACE(std::string(configName(profile)));
        std::mt19937 rng(31);
        auto key = randomKey(rng);
        Endpoints e(profile, key);
        std::vector<Buffer> plain, sent;
        for (int i = 0; i < 1500; ++i) {
            plain.push_back(randomRtp(rng, 0xCAFE, static_cast<uint16_t>(65000 + i)));
            Buffer b = plain.back(), c = plain.back();
            ASSERT_TRUE(e.ours_out.protectRtp(b.data.data(), b.size));
            ASSERT_TRUE(e.lib_out.protectRtp(c));
            sent.push_back(b);
        }
        for (size_t back : {size_t(0), size_t(1), size_t(500), SrtpSession::kRtpReplayWindow - 1,
                            SrtpSession::kRtpReplayWindow, size_t(1400)}) {
            size_t i = plain.size() - 1 - back;
            Buffer ours = plain[i], theirs = plain[i];
            bool ok = e.ours_out.protectRtp(ours.data.data(), ours.size);
            EXPECT_EQ(ok, e.lib_out.protectRtp(theirs)) << back;
            EXPECT_EQ(ok, back < SrtpSession::kRtpReplayWindow) << back;
            if (ok) {
                EXPECT_TRUE(ours == sent[i]) << back;
                EXPECT_TRUE(ours == theirs) << back;
            }
        }
    }
}

TEST(SrtpOpenSsl, IndexEstimateMatchesLibsrtpForArbitrarySequenceJumps) {
    // Senders that jump around (big gaps both ways, repeats, a start at a low
    // or high sequence number) exercise every branch of the ROC estimate,
    // including libsrtp's "ROC 0 while the index is at most 2^15" rule; both
    // sides of ours must decide, and protect, exactly as libsrtp does.
    for (SrtpProfile profile : kProfiles) {
        SCOPED_TRACE(std::string(configName(profile)));
        std::mt19937 rng(profile == SrtpProfile::aead_aes_128_gcm ? 41 : 42);
        auto key = randomKey(rng);
        Endpoints e(profile, key);
        std::vector<Buffer> sent;
        for (uint32_t ssrc = 1; ssrc <= 6; ++ssrc) {
            uint16_t seq = static_cast<uint16_t>(ssrc % 2 ? rng() % 200 : 30000 + rng() % 10000);
            for (int i = 0; i < 600; ++i) {
                uint32_t r = rng() % 100;
                if (r < 3) seq = static_cast<uint16_t>(seq + 20000 + rng() % 30000);
                else if (r < 6) seq = static_cast<uint16_t>(seq - rng() % 40000);
                else if (r < 10) seq = static_cast<uint16_t>(seq - rng() % 1100);
                else if (r < 80) ++seq;
                Buffer plain = rtp(rng, ssrc, seq, 16 + rng() % 64, 0, -1, false), ours = plain, theirs = plain;
                bool ok = e.ours_out.protectRtp(ours.data.data(), ours.size);
                ASSERT_EQ(ok, e.lib_out.protectRtp(theirs)) << "ssrc " << ssrc << " packet " << i << " seq " << seq;
                if (!ok) continue;
                ASSERT_TRUE(ours == theirs) << "ssrc " << ssrc << " packet " << i;
                sent.push_back(ours);
            }
        }
        for (size_t i = 0; i + 30 < sent.size(); ++i)
            if (rng() % 3 == 0) std::swap(sent[i], sent[i + 1 + rng() % 30]);
        size_t accepted = 0;
        for (size_t i = 0; i < sent.size(); ++i) {
            Buffer a = sent[i], b = sent[i];
            bool ours = e.ours_in.unprotectRtp(a.data.data(), a.size);
            ASSERT_EQ(ours, e.lib_in.unprotectRtp(b)) << "delivery " << i;
            if (ours) {
                ASSERT_TRUE(a == b);
            }
            accepted += ours;
        }
        EXPECT_GT(accepted, sent.size() / 4);
        EXPECT_LT(accepted, sent.size());
    }
}
