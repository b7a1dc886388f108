// The per-packet path allocates nothing: parse, rewrite, extension reads and
// writes, receive statistics, NACK generation and lookup, retransmit store,
// RTX, RTCP building and parsing, for 10,000 packets after a warm-up.
//
// Counting works by replacing the global operator new/delete for the whole
// unit_tests binary; they forward to malloc/free and only count on a thread
// that opened an AllocationCounter scope (allocation_counter.hpp, shared with
// the other folders' allocation tests), so other tests are unaffected.
#include "rtp/header_extensions.hpp"
#include "rtp/nack_generator.hpp"
#include "rtp/receive_stats.hpp"
#include "rtp/retransmit_buffer.hpp"
#include "rtp/rtcp/compound.hpp"
#include "rtp/rtcp/compound_builder.hpp"
#include "rtp/rtcp/generic_nack.hpp"
#include "rtp/rtcp/receiver_report.hpp"
#include "rtp/rtcp/transport_feedback.hpp"
#include "rtp/rtcp/transport_feedback_builder.hpp"
#include "rtp/rtp_packet.hpp"
#include "rtp/rtx.hpp"
#include "allocation_counter.hpp"
#include "rtp_test_util.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <new>

namespace portunus::test {
thread_local bool t_counting_allocations = false;
thread_local size_t t_allocations = 0;
} // namespace portunus::test

namespace {
void *countedAlloc(size_t size) {
    if (portunus::test::t_counting_allocations) ++portunus::test::t_allocations;
    void *p = std::malloc(size ? size : 1);
    if (!p) throw std::bad_alloc();
    return p;
}
} // namespace

void *operator new(size_t size) { return countedAlloc(size); }
void *operator new[](size_t size) { return countedAlloc(size); }
void operator delete(void *p) noexcept { std::free(p); }
void operator delete[](void *p) noexcept { std::free(p); }
void operator delete(void *p, size_t) noexcept { std::free(p); }
void operator delete[](void *p, size_t) noexcept { std::free(p); }

using namespace portunus::rtp;
using portunus::test::AllocationCounter;

TEST(RtpAllocations, CounterSeesAllocations) {
    AllocationCounter counter;
    auto p = std::make_unique<int>(1);
    EXPECT_EQ(counter.count(), 1u);
}

TEST(RtpAllocations, PerPacketPathAllocatesNothing) {
    ExtensionMap map;
    map.set(ExtensionType::mid, 1);
    map.set(ExtensionType::absSendTime, 2);
    map.set(ExtensionType::transportWideCc, 3);
    map.set(ExtensionType::audioLevel, 4);
    test::RtpBuilder builder{.pt = 96, .ssrc = 0x1234};
    builder.payload.assign(1000, 0xAB);
    builder.oneByte({{1, {'0'}}, {2, {0, 0, 0}}, {3, {0, 0}}, {4, {0x90}}});
    const std::vector<uint8_t> wire = builder.build();

    // Everything a stream owns is set up once, before counting.
    auto stats = std::make_unique<ReceiveStats>(0x1234, 90000, 1);
    auto nack = std::make_unique<NackGenerator>();
    auto retransmit = std::make_unique<RetransmitBuffer>();
    auto tcc = std::make_unique<rtcp::TransportFeedbackBuilder>();
    std::vector<uint8_t> buffer(1600), rtx_out(1600), rtcp_out(1500);

    uint64_t checksum = 0;
    auto run = [&](int from, int to) {
        for (int i = from; i < to; ++i) {
            if (i % 50 == 7) continue; // some loss, for NACKs
            std::copy(wire.begin(), wire.end(), buffer.begin());
            auto p = RtpPacket::parse(buffer.data(), wire.size(), buffer.size());
            if (!p) continue;
            uint16_t seq = static_cast<uint16_t>(i);
            int64_t now = int64_t(i) * 10000;
            p->setSequence(seq);
            p->setTimestamp(uint32_t(i) * 900);
            auto mid = readSdesId(map.find(*p, ExtensionType::mid));
            auto level = readAudioLevel(map.find(*p, ExtensionType::audioLevel));
            checksum += (mid ? mid->size : 0) + (level ? level->level : 0);
            writeTransportSeq(*p, map.id(ExtensionType::transportWideCc), seq);
            writeAbsSendTime(*p, map.id(ExtensionType::absSendTime), absSendTimeFromUs(now));
            stats->onPacket(seq, p->timestamp(), now, p->size());
            tcc->onPacket(seq, now);
            nack->onPacket(seq, now);
            uint16_t missing[64];
            size_t n = nack->collect(now, 50000, missing);
            if (n) {
                size_t len = rtcp::writeGenericNack(rtcp_out, 1, 0x1234, std::span<const uint16_t>(missing, n));
                rtcp::CompoundReader reader(std::span(rtcp_out.data(), len));
                rtcp::PacketView view;
                while (reader.next(view))
                    if (auto parsed = rtcp::GenericNack::parse(view))
                        parsed->forEachLost([&](uint16_t lost) {
                            if (retransmit->find(lost) && retransmit->markResent(lost, now, 50000))
                                checksum += retransmit->writeRtx(lost, RtxParams{97, 0x5678, seq}, rtx_out);
                        });
            }
            p->setSsrc(0x9999); // rewrite for a subscriber
            retransmit->store(*p, now);
            if (i % 10 == 0) {
                rtcp::CompoundBuilder compound(rtcp_out);
                rtcp::ReportBlock block = stats->reportBlock(now);
                compound.add(rtcp::writeReceiverReport, 1u, std::span<const rtcp::ReportBlock>(&block, 1));
                compound.commit(tcc->write(compound.remaining(), 1, 0x1234));
                rtcp::CompoundReader reader(compound.bytes());
                rtcp::PacketView view;
                while (reader.next(view))
                    if (auto fb = rtcp::TransportFeedback::parse(view)) checksum += fb->statusCount();
            }
        }
    };

    run(0, 1000); // warm-up
    AllocationCounter counter;
    run(1000, 11000);
    EXPECT_EQ(counter.count(), 0u);
    EXPECT_GT(checksum, 0u);
    EXPECT_GT(nack->requestedCount(), 0u);
}
