// A header extension block (RFC 8285) built for a packet we send, and the
// swap of a packet's own block for it. Forwarded packets carry the sender's
// extensions under the sender's ids; the receiver negotiated its own, so the
// block is rebuilt per target rather than copied. Fixed storage: nothing here
// allocates.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace portunus::rtp {

class ExtensionBlock {
public:
    static constexpr size_t kMaxElements = 4;
    static constexpr size_t kMaxValue = 16;

    // False (and nothing added) when full, id is 0 or > 255, or the value is
    // empty or longer than 16 bytes.
    bool add(uint8_t id, std::span<const uint8_t> value);
    bool add(uint8_t id, std::string_view value) {
        return add(id, std::span<const uint8_t>(reinterpret_cast<const uint8_t *>(value.data()), value.size()));
    }
    bool empty() const { return count_ == 0; }
    // Bytes of the whole block: the 4-byte profile header plus elements, padded to 32 bits.
    size_t size() const;
    // Writes size() bytes; one-byte form unless an id is above 14.
    void write(uint8_t *out) const;

private:
    struct Element {
        uint8_t id;
        uint8_t length;
        std::array<uint8_t, kMaxValue> value;
    };
    bool twoByte() const;
    std::array<Element, kMaxElements> elements_{};
    size_t count_ = 0;
};

// Replaces the extension block of the RTP packet in data[0, length) with
// `block` (or removes it when the block is empty), moving the payload; sets
// `length`. False, leaving the packet as it was, when it is not a valid RTP
// header or the result would exceed `capacity`.
bool replaceExtensions(uint8_t *data, size_t &length, size_t capacity, const ExtensionBlock &block);

} // namespace portunus::rtp
