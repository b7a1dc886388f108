// Decides which packets of an incoming stream to NACK: tracks the sequence
// numbers missing in a fixed window behind the newest one, asks for each at
// once, retries spaced by the RTT (doubling up to a cap) and gives up after
// max retries, when it is too old or once it leaves the window. All state
// lives in fixed arrays; nothing allocates.
#pragma once

#include "rtp/seq_num.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace portunus::rtp {

class NackGenerator {
public:
    static constexpr size_t kWindow = 512; // sequence numbers tracked behind the newest

    struct Config {
        uint8_t max_retries = 10;
        int64_t default_rtt_us = 100000;     // until an RTT is known
        int64_t min_retry_interval_us = 5000; // floor for the RTT-based spacing
        uint8_t max_backoff_shift = 2;       // retry spacing: 1, 2, 4 × RTT
        int64_t max_age_us = 1000000;        // drop a missing packet after this long; 0 = never
    };

    enum class Result : uint8_t {
        first,     // the first packet of the stream
        inOrder,   // the next one
        gap,       // ahead, with new missing sequence numbers before it
        recovered, // a missing one arrived (retransmission or late)
        old,       // duplicate, or older than the window
        reset,     // a jump too large to NACK across: tracking restarted (ask for a keyframe)
    };

    NackGenerator() : NackGenerator(Config{}) {}
    explicit NackGenerator(const Config &config);

    Result onPacket(uint16_t seq, int64_t now_us);

    // Fills `out` with the sequence numbers to request now, oldest first, and
    // counts them as requested. rtt_us <= 0 means "not known". Returns how many.
    size_t collect(int64_t now_us, int64_t rtt_us, std::span<uint16_t> out);

    size_t missingCount() const { return missing_; }
    void reset();

    uint64_t requestedCount() const { return requested_; } // NACK requests sent (retries included)
    uint64_t recoveredCount() const { return recovered_; }
    uint64_t droppedCount() const { return dropped_; } // given up
    uint64_t resetCount() const { return resets_; }

private:
    static constexpr int64_t kNone = INT64_MIN;
    struct Entry {
        int64_t seq = kNone; // unwrapped seq of a missing packet, or kNone
        int64_t missing_since_us = 0;
        int64_t last_sent_us = 0;
        uint8_t retries = 0;
    };
    Entry &entry(int64_t seq) { return entries_[static_cast<size_t>(seq) & (kWindow - 1)]; }
    void drop(Entry &e);

    Config config_;
    std::array<Entry, kWindow> entries_{};
    SeqUnwrapper unwrapper_;
    bool started_ = false;
    int64_t highest_ = 0;
    int64_t bad_seq_ = -1; // a far-behind seq; the next one after it confirms a restart
    size_t missing_ = 0;
    uint64_t requested_ = 0, recovered_ = 0, dropped_ = 0, resets_ = 0;
};

} // namespace portunus::rtp
