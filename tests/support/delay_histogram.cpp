#include "support/delay_histogram.hpp"

#include <algorithm>
#include <cmath>

namespace portunus::test {

void DelayHistogram::add(int64_t delay_us) {
    size_t bucket = static_cast<size_t>(std::max<int64_t>(0, delay_us) / kBucketUs);
    ++buckets_[std::min(bucket, kBuckets - 1)];
    ++count_;
}

void DelayHistogram::merge(const DelayHistogram &other) {
    for (size_t i = 0; i < kBuckets; ++i) buckets_[i] += other.buckets_[i];
    count_ += other.count_;
}

double DelayHistogram::percentileMs(double q) const {
    if (count_ == 0) return 0;
    auto rank = static_cast<uint64_t>(std::ceil(std::clamp(q, 0.0, 1.0) * double(count_)));
    rank = std::max<uint64_t>(rank, 1);
    uint64_t seen = 0;
    for (size_t i = 0; i < kBuckets; ++i) {
        seen += buckets_[i];
        if (seen >= rank) return double((i + 1) * kBucketUs) / 1000.0;
    }
    return double(kBuckets * kBucketUs) / 1000.0;
}

} // namespace portunus::test
