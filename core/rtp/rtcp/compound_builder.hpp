// Assembles a compound RTCP packet in a caller buffer from the write*()
// builders: each is given the space left and its result committed.
//   CompoundBuilder b(buffer);
//   b.add(writeReceiverReport, ssrc, blocks);
//   b.add(writeSdesCname, ssrc, cname);
//   b.add(writePli, ssrc, media_ssrc);
//   size_t n = b.size(); // 0 if any part did not fit
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>

namespace portunus::rtp::rtcp {

class CompoundBuilder {
public:
    explicit CompoundBuilder(std::span<uint8_t> out) : out_(out) {}

    std::span<uint8_t> remaining() const { return out_.subspan(used_); }

    // Takes what a builder wrote into remaining(); 0 marks the compound failed.
    bool commit(size_t written) {
        if (failed_ || written == 0 || written > out_.size() - used_) {
            failed_ = true;
            return false;
        }
        used_ += written;
        return true;
    }

    template <typename Writer, typename... Args>
    bool add(Writer &&writer, Args &&...args) {
        if (failed_) return false;
        return commit(writer(remaining(), std::forward<Args>(args)...));
    }

    bool failed() const { return failed_; }
    size_t size() const { return failed_ ? 0 : used_; }
    std::span<const uint8_t> bytes() const { return out_.first(size()); }

private:
    std::span<uint8_t> out_;
    size_t used_ = 0;
    bool failed_ = false;
};

} // namespace portunus::rtp::rtcp
