// An RTP packet (RFC 3550 §5.1) as a view over a mutable buffer owned by the
// caller: parse() validates the header once (version, CSRCs, the RFC 8285
// header extension block in its one-byte and two-byte forms, padding) and
// records where things are; getters and setters then read and rewrite the
// bytes in place. Nothing here allocates, throws or logs.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace portunus::rtp {

class RtpPacket {
public:
    static constexpr size_t kMaxExtensions = 16;
    static constexpr uint16_t kOneByteProfile = 0xBEDE;
    static constexpr uint16_t kTwoByteProfile = 0x1000; // the low 4 bits are "appbits"

    enum class ExtensionForm : uint8_t { none, oneByte, twoByte, other };

    // `len` bytes of `data` hold the packet; `capacity` (>= len) is how far
    // the buffer may grow (RTX decapsulation keeps within it).
    static std::optional<RtpPacket> parse(uint8_t *data, size_t len, size_t capacity);
    static std::optional<RtpPacket> parse(uint8_t *data, size_t len) { return parse(data, len, len); }

    uint8_t *data() const { return data_; }
    size_t size() const { return size_; }
    size_t capacity() const { return capacity_; }
    std::span<uint8_t> bytes() const { return {data_, size_}; }

    bool marker() const { return (data_[1] & 0x80) != 0; }
    void setMarker(bool m) { data_[1] = static_cast<uint8_t>((data_[1] & 0x7F) | (m ? 0x80 : 0)); }
    uint8_t payloadType() const { return data_[1] & 0x7F; }
    void setPayloadType(uint8_t pt) { data_[1] = static_cast<uint8_t>((data_[1] & 0x80) | (pt & 0x7F)); }
    uint16_t sequence() const;
    void setSequence(uint16_t seq);
    uint32_t timestamp() const;
    void setTimestamp(uint32_t ts);
    uint32_t ssrc() const;
    void setSsrc(uint32_t ssrc);
    uint8_t csrcCount() const { return data_[0] & 0x0F; }
    uint32_t csrc(size_t index) const; // 0 when out of range

    // Header extensions. extension(id) is empty when the packet does not carry id.
    ExtensionForm extensionForm() const { return form_; }
    uint16_t extensionProfile() const { return profile_; }
    size_t extensionCount() const { return ext_count_; }
    std::span<const uint8_t> extension(uint8_t id) const;
    std::span<uint8_t> mutableExtension(uint8_t id);
    // Overwrites an extension's value; only when the packet has `id` with exactly value.size() bytes.
    bool setExtension(uint8_t id, std::span<const uint8_t> value);
    // Renumbers an extension in place (the other side mapped the URI to another id).
    bool setExtensionId(uint8_t from, uint8_t to);

    size_t headerSize() const { return header_size_; } // fixed header + CSRCs + extension block
    size_t paddingSize() const { return padding_; }
    size_t payloadSize() const { return size_ - header_size_ - padding_; }
    std::span<uint8_t> payload() const { return {data_ + header_size_, payloadSize()}; }
    // Sets the payload length (bytes past the header), dropping any padding;
    // false when the buffer's capacity does not allow it.
    bool setPayloadSize(size_t payload_size);

private:
    struct ExtensionSlot {
        uint8_t id;
        uint8_t len;
        uint32_t offset;
    };
    RtpPacket() = default;
    bool parseExtensions(size_t begin, size_t end);
    bool addSlot(uint8_t id, size_t offset, size_t len);
    const ExtensionSlot *findSlot(uint8_t id) const;

    uint8_t *data_ = nullptr;
    size_t size_ = 0;
    size_t capacity_ = 0;
    size_t header_size_ = 0;
    size_t padding_ = 0;
    uint16_t profile_ = 0;
    ExtensionForm form_ = ExtensionForm::none;
    uint8_t ext_count_ = 0;
    std::array<ExtensionSlot, kMaxExtensions> slots_{};
};

} // namespace portunus::rtp
