// A lossy network path without netem: drops a fraction of the datagrams that
// pass, each independently at random, from a seeded PRNG (so a run is
// reproducible for a given packet order). One per direction.
#pragma once

#include <cstdint>
#include <random>

namespace portunus::test {

class LossyLink {
public:
    // `loss` in [0, 1]: the probability that a datagram is dropped.
    LossyLink(double loss, uint64_t seed) : loss_(loss), rng_(seed) {}

    // Decides the fate of one datagram: true = drop it.
    bool drop() {
        ++passed_;
        if (loss_ <= 0 || uniform_(rng_) >= loss_) return false;
        ++dropped_;
        return true;
    }

    double loss() const { return loss_; }
    uint64_t passed() const { return passed_; } // datagrams seen, dropped ones included
    uint64_t dropped() const { return dropped_; }

private:
    double loss_;
    std::mt19937_64 rng_;
    std::uniform_real_distribution<double> uniform_{0.0, 1.0};
    uint64_t passed_ = 0;
    uint64_t dropped_ = 0;
};

} // namespace portunus::test
