// One-way delays of a stream in fixed 50 µs buckets (the last one collects
// everything from ~205 ms up), so a receiver can add a packet's delay without
// allocating and a load generator can merge many receivers' delays before
// taking percentiles.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace portunus::test {

class DelayHistogram {
public:
    static constexpr int64_t kBucketUs = 50;
    static constexpr size_t kBuckets = 4096;

    void add(int64_t delay_us);
    void merge(const DelayHistogram &other);
    uint64_t count() const { return count_; }
    // The delay below which a fraction `q` (0..1) of the samples fall, in ms
    // (the upper edge of its bucket); 0 when empty.
    double percentileMs(double q) const;

private:
    std::array<uint32_t, kBuckets> buckets_{};
    uint64_t count_ = 0;
};

} // namespace portunus::test
