// SrtpSession on its own: replay protection, tampering, input validation,
// the per-SSRC table, rollover estimation, and no allocation per packet.
#include "net/srtp_session.hpp"

#include "../rtp/allocation_counter.hpp"

#include <gtest/gtest.h>

#include <array>
#include <random>
#include <string>
#include <vector>

using namespace portunus::net;

namespace {

using Direction = SrtpSession::Direction;
constexpr SrtpProfile kProfiles[] = {SrtpProfile::aes_cm_128_hmac_sha1_80, SrtpProfile::aead_aes_128_gcm};

struct Packet {
    std::array<uint8_t, 1600> data{};
    size_t size = 0;
    uint8_t *p() { return data.data(); }
    bool operator==(const Packet &o) const {
        return size == o.size &&
               std::equal(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(size), o.data.begin());
    }
};

void put32(uint8_t *p, uint32_t v) {
    for (int i = 0; i < 4; ++i) p[i] = static_cast<uint8_t>(v >> (24 - 8 * i));
}

// RTP with two CSRCs and a one-word extension, `payload` bytes of 0xAB.
Packet rtp(uint32_t ssrc, uint16_t seq, size_t payload = 50) {
    Packet b;
    uint8_t *p = b.p();
    p[0] = 0x80 | 0x10 | 2;
    p[1] = 111;
    p[2] = static_cast<uint8_t>(seq >> 8);
    p[3] = static_cast<uint8_t>(seq);
    put32(p + 4, 1000u * seq);
    put32(p + 8, ssrc);
    put32(p + 12, 0x11111111);
    put32(p + 16, 0x22222222);
    p[20] = 0xBE, p[21] = 0xDE, p[22] = 0, p[23] = 1;
    put32(p + 24, 0x10AA0000);
    std::fill(p + 28, p + 28 + payload, 0xAB);
    b.size = 28 + payload;
    return b;
}

Packet rtcp(uint32_t ssrc, size_t words = 6) {
    Packet b;
    uint8_t *p = b.p();
    p[0] = 0x81, p[1] = 201, p[2] = 0, p[3] = static_cast<uint8_t>(words + 1);
    put32(p + 4, ssrc);
    for (size_t i = 0; i < 4 * words; ++i) p[8 + i] = static_cast<uint8_t>(i);
    b.size = 8 + 4 * words;
    return b;
}

struct Pair {
    SrtpSession out, in;
    explicit Pair(SrtpProfile profile, uint8_t seed = 1) {
        std::array<uint8_t, 32> key{};
        for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(seed * 31 + i * 7);
        std::string error;
        EXPECT_TRUE(out.start(profile, Direction::outbound, key.data(), error)) << error;
        EXPECT_TRUE(in.start(profile, Direction::inbound, key.data(), error)) << error;
    }
    Packet sendRtp(Packet b) {
        EXPECT_TRUE(out.protectRtp(b.p(), b.size));
        return b;
    }
    Packet sendRtcp(Packet b) {
        EXPECT_TRUE(out.protectRtcp(b.p(), b.size));
        return b;
    }
    bool receiveRtp(Packet b) { return in.unprotectRtp(b.p(), b.size); }
    bool receiveRtcp(Packet b) { return in.unprotectRtcp(b.p(), b.size); }
};

} // namespace

TEST(SrtpSession, RoundTripsBothProfilesWithHeaderInClear) {
    for (SrtpProfile profile : kProfiles) {
        Pair s(profile);
        Packet plain = rtp(0xAABBCCDD, 7), sent = s.sendRtp(plain);
        EXPECT_EQ(sent.size, plain.size + (profile == SrtpProfile::aead_aes_128_gcm ? 16u : 10u));
        // CSRCs and the extension stay readable; the payload does not.
        EXPECT_TRUE(std::equal(plain.data.begin(), plain.data.begin() + 28, sent.data.begin()));
        EXPECT_FALSE(std::equal(plain.data.begin() + 28, plain.data.begin() + 78, sent.data.begin() + 28));
        Packet got = sent;
        ASSERT_TRUE(s.in.unprotectRtp(got.p(), got.size));
        EXPECT_TRUE(got == plain);

        Packet report = rtcp(0xAABBCCDD), protected_report = s.sendRtcp(report);
        EXPECT_EQ(protected_report.size, report.size + (profile == SrtpProfile::aead_aes_128_gcm ? 20u : 14u));
        ASSERT_TRUE(s.in.unprotectRtcp(protected_report.p(), protected_report.size));
        EXPECT_TRUE(protected_report == report);
    }
}

TEST(SrtpSession, SamePacketTwiceIsRefused) {
    for (SrtpProfile profile : kProfiles) {
        Pair s(profile);
        Packet a = s.sendRtp(rtp(1, 100)), r = s.sendRtcp(rtcp(1));
        EXPECT_TRUE(s.receiveRtp(a));
        EXPECT_FALSE(s.receiveRtp(a));
        EXPECT_TRUE(s.receiveRtcp(r));
        EXPECT_FALSE(s.receiveRtcp(r));
    }
}

TEST(SrtpSession, OlderThanTheWindowIsRefusedInsideItAccepted) {
    for (SrtpProfile profile : kProfiles) {
        Pair s(profile);
        const size_t w = SrtpSession::kRtpReplayWindow;
        std::vector<Packet> sent;
        for (size_t i = 0; i <= w + 10; ++i) sent.push_back(s.sendRtp(rtp(9, static_cast<uint16_t>(60000 + i))));
        // Hold back the first and one well inside the window; deliver the rest.
        const size_t held = 500;
        for (size_t i = 1; i < sent.size(); ++i) {
            if (i == held) continue;
            ASSERT_TRUE(s.receiveRtp(sent[i])) << i;
        }
        EXPECT_FALSE(s.receiveRtp(sent[0])) << "more than the window behind";
        EXPECT_TRUE(s.receiveRtp(sent[held])) << "late but inside the window";
        EXPECT_FALSE(s.receiveRtp(sent[held]));

        std::vector<Packet> reports;
        for (size_t i = 0; i <= SrtpSession::kRtcpReplayWindow + 5; ++i) reports.push_back(s.sendRtcp(rtcp(9)));
        for (size_t i = 1; i < reports.size(); ++i) {
            if (i == 100) continue;
            ASSERT_TRUE(s.receiveRtcp(reports[i])) << i;
        }
        EXPECT_FALSE(s.receiveRtcp(reports[0]));
        EXPECT_TRUE(s.receiveRtcp(reports[100]));
    }
}

TEST(SrtpSession, RolloverIsEstimatedAcrossTheWrapInAnyOrder) {
    for (SrtpProfile profile : kProfiles) {
        Pair s(profile);
        std::vector<Packet> sent;
        for (uint16_t seq = 65500; seq != 40; ++seq) sent.push_back(s.sendRtp(rtp(5, seq)));
        // 65500..65535 are sent[0..35], 0..39 are sent[36..75].
        EXPECT_TRUE(s.receiveRtp(sent[0]));
        EXPECT_TRUE(s.receiveRtp(sent[37]));  // seq 1, ROC 1, before 65501..65535 and 0
        EXPECT_TRUE(s.receiveRtp(sent[35]));  // seq 65535, ROC 0, after the wrap was seen
        EXPECT_TRUE(s.receiveRtp(sent[36]));  // seq 0
        for (size_t i = 1; i < sent.size(); ++i) {
            if (i == 35 || i == 36 || i == 37) continue;
            EXPECT_TRUE(s.receiveRtp(sent[i])) << i;
        }
        // A stream whose first packet is past 2^15 still wraps into ROC 1.
        std::vector<Packet> late_start;
        for (uint32_t seq = 40000; seq < 40000 + 30000; seq += 100)
            late_start.push_back(s.sendRtp(rtp(6, static_cast<uint16_t>(seq))));
        for (auto &p : late_start) EXPECT_TRUE(s.receiveRtp(p));
    }
}

TEST(SrtpSession, TamperedByteAnywhereFailsAndLeavesTheWindowUntouched) {
    for (SrtpProfile profile : kProfiles) {
        SCOPED_TRACE(std::string(configName(profile)));
        Pair s(profile);
        Packet first = s.sendRtp(rtp(3, 10, 30)), second = s.sendRtp(rtp(3, 11, 30));
        Packet report = s.sendRtcp(rtcp(3, 4));
        for (size_t i = 0; i < first.size; ++i)
            for (uint8_t flip : {uint8_t(0x01), uint8_t(0x80)}) {
                Packet t = first;
                t.data[i] ^= flip;
                size_t size = t.size;
                EXPECT_FALSE(s.in.unprotectRtp(t.p(), t.size)) << "rtp byte " << i;
                EXPECT_EQ(t.size, size);
            }
        for (size_t i = 0; i < report.size; ++i)
            for (uint8_t flip : {uint8_t(0x01), uint8_t(0x80)}) {
                Packet t = report;
                t.data[i] ^= flip;
                EXPECT_FALSE(s.in.unprotectRtcp(t.p(), t.size)) << "rtcp byte " << i;
            }
        // A truncated or extended packet fails too.
        Packet shorter = first;
        shorter.size -= 1;
        EXPECT_FALSE(s.receiveRtp(shorter));
        // None of that marked anything: the genuine packets all pass, once.
        EXPECT_TRUE(s.receiveRtp(second));
        EXPECT_TRUE(s.receiveRtp(first));
        EXPECT_FALSE(s.receiveRtp(first));
        EXPECT_TRUE(s.receiveRtcp(report));
    }
}

TEST(SrtpSession, MalformedInputIsRefusedWithoutTouchingState) {
    for (SrtpProfile profile : kProfiles) {
        Pair s(profile);
        auto refusedBoth = [&](Packet b) {
            size_t size = b.size;
            Packet c = b;
            EXPECT_FALSE(s.out.protectRtp(b.p(), b.size));
            EXPECT_EQ(b.size, size);
            EXPECT_FALSE(s.in.unprotectRtp(c.p(), c.size));
            EXPECT_EQ(c.size, size);
        };
        for (size_t n = 0; n < 12; ++n) {
            Packet b = rtp(4, 1);
            b.size = n;
            refusedBoth(b);
        }
        for (uint8_t version : {0, 1, 3}) {
            Packet b = rtp(4, 1);
            b.data[0] = static_cast<uint8_t>((b.data[0] & 0x3f) | (version << 6));
            refusedBoth(b);
        }
        Packet many_csrcs = rtp(4, 1, 0);
        many_csrcs.data[0] = 0x8f; // 15 CSRCs = 72 bytes of header, in 28
        refusedBoth(many_csrcs);
        Packet long_extension = rtp(4, 1, 8);
        long_extension.data[23] = 50; // 50 extension words
        refusedBoth(long_extension);
        Packet cut_extension = rtp(4, 1, 0);
        cut_extension.size = 22; // the extension header itself is cut
        refusedBoth(cut_extension);

        // Unprotect needs room for the tag after the header.
        Packet header_only = rtp(4, 1, 0);
        header_only.size = 28 + 9;
        EXPECT_FALSE(s.in.unprotectRtp(header_only.p(), header_only.size));

        for (size_t n = 0; n < 8; ++n) {
            Packet b = rtcp(4);
            b.size = n;
            EXPECT_FALSE(s.out.protectRtcp(b.p(), b.size));
        }
        Packet bad_rtcp = rtcp(4);
        bad_rtcp.data[0] = 0x41;
        EXPECT_FALSE(s.out.protectRtcp(bad_rtcp.p(), bad_rtcp.size));
        Packet short_srtcp = s.sendRtcp(rtcp(4, 0));
        for (size_t n = 0; n < short_srtcp.size; ++n) {
            Packet b = short_srtcp;
            b.size = n;
            EXPECT_FALSE(s.in.unprotectRtcp(b.p(), b.size)) << n;
        }

        // Wrong direction, null buffer, and a session never started.
        Packet b = rtp(4, 1);
        EXPECT_FALSE(s.in.protectRtp(b.p(), b.size));
        EXPECT_FALSE(s.in.protectRtcp(b.p(), b.size));
        EXPECT_FALSE(s.out.unprotectRtp(b.p(), b.size));
        EXPECT_FALSE(s.out.unprotectRtcp(b.p(), b.size));
        EXPECT_FALSE(s.out.protectRtp(nullptr, b.size));
        SrtpSession idle;
        EXPECT_FALSE(idle.active());
        EXPECT_FALSE(idle.protectRtp(b.p(), b.size));
        EXPECT_FALSE(idle.unprotectRtcp(b.p(), b.size));

        // After all that, SSRC 4 starts cleanly at ROC 0 on both sides.
        EXPECT_TRUE(s.receiveRtp(s.sendRtp(rtp(4, 65535))));
        EXPECT_TRUE(s.receiveRtp(s.sendRtp(rtp(4, 0))));
        EXPECT_TRUE(s.receiveRtcp(short_srtcp));
    }
}

TEST(SrtpSession, SsrcTableIsBoundedAndFilledOnlyByAuthenticPackets) {
    for (SrtpProfile profile : kProfiles) {
        Pair s(profile), stranger(profile, 99);
        const uint32_t n = SrtpSession::kMaxStreams;
        for (uint32_t i = 0; i + 1 < n; ++i) ASSERT_TRUE(s.receiveRtp(s.sendRtp(rtp(1000 + i, 1)))) << i;
        // Forgeries under another key from new SSRCs take no slot.
        for (uint32_t i = 0; i < 10; ++i) {
            Packet forged = rtp(5000 + i, 1);
            ASSERT_TRUE(stranger.out.protectRtp(forged.p(), forged.size));
            EXPECT_FALSE(s.receiveRtp(forged));
        }
        // The last slot, then a refusal on both sides for one more SSRC.
        EXPECT_TRUE(s.receiveRtcp(s.sendRtcp(rtcp(1000 + n - 1))));
        Packet extra = rtp(9999, 1);
        EXPECT_FALSE(s.out.protectRtp(extra.p(), extra.size));
        Packet extra_report = rtcp(9999);
        EXPECT_FALSE(s.out.protectRtcp(extra_report.p(), extra_report.size));
        // Known SSRCs keep working.
        for (uint32_t i = 0; i < n; ++i) EXPECT_TRUE(s.receiveRtp(s.sendRtp(rtp(1000 + i, 2)))) << i;

        // A receiver whose table is full refuses a new SSRC it could authenticate.
        Pair t(profile);
        for (uint32_t i = 0; i < n; ++i) ASSERT_TRUE(t.receiveRtp(t.sendRtp(rtp(1000 + i, 1))));
        SrtpSession fresh_sender;
        std::array<uint8_t, 32> key{};
        for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(31 + i * 7);
        std::string error;
        ASSERT_TRUE(fresh_sender.start(profile, Direction::outbound, key.data(), error));
        Packet newcomer = rtp(7777, 1);
        ASSERT_TRUE(fresh_sender.protectRtp(newcomer.p(), newcomer.size));
        EXPECT_FALSE(t.receiveRtp(newcomer));
    }
}

TEST(SrtpSession, StartingAgainResetsEveryStream) {
    for (SrtpProfile profile : kProfiles) {
        Pair s(profile);
        Packet a = s.sendRtp(rtp(8, 5));
        EXPECT_TRUE(s.receiveRtp(a));
        EXPECT_FALSE(s.receiveRtp(a));
        std::array<uint8_t, 32> key{};
        for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(31 + i * 7);
        std::string error;
        ASSERT_TRUE(s.in.start(profile, Direction::inbound, key.data(), error));
        EXPECT_TRUE(s.receiveRtp(a));
        EXPECT_FALSE(s.in.start(profile, Direction::inbound, nullptr, error));
        EXPECT_FALSE(s.in.active());
        EXPECT_FALSE(s.receiveRtp(a));
    }
}

TEST(SrtpSession, PerPacketPathAllocatesNothing) {
    for (SrtpProfile profile : kProfiles) {
        Pair s(profile);
        std::vector<uint32_t> ssrcs = {11, 22, 33, 44};
        // Warm-up: every SSRC seen once both ways.
        for (uint32_t ssrc : ssrcs) {
            ASSERT_TRUE(s.receiveRtp(s.sendRtp(rtp(ssrc, 0))));
            ASSERT_TRUE(s.receiveRtcp(s.sendRtcp(rtcp(ssrc))));
        }
        Packet packet, copy;
        size_t ok = 0;
        {
            portunus::test::AllocationCounter counter;
            for (int i = 1; i <= 10000; ++i) {
                uint32_t ssrc = ssrcs[i % ssrcs.size()];
                packet = (i % 10 == 0) ? rtcp(ssrc) : rtp(ssrc, static_cast<uint16_t>(i), i % 1200);
                bool is_rtcp = i % 10 == 0;
                if (!(is_rtcp ? s.out.protectRtcp(packet.p(), packet.size) : s.out.protectRtp(packet.p(), packet.size)))
                    break;
                copy = packet;
                ok += is_rtcp ? s.in.unprotectRtcp(packet.p(), packet.size)
                              : s.in.unprotectRtp(packet.p(), packet.size);
                // Failures too: a replay and a forgery.
                if (i % 100 == 5) {
                    Packet forged = copy;
                    forged.data[forged.size - 1] ^= 1;
                    ok -= s.in.unprotectRtp(copy.p(), copy.size);
                    ok -= s.in.unprotectRtp(forged.p(), forged.size);
                }
            }
            EXPECT_EQ(counter.count(), 0u) << configName(profile);
        }
        EXPECT_EQ(ok, 10000u);
    }
}
