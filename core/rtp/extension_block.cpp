#include "rtp/extension_block.hpp"

#include <cstring>

namespace portunus::rtp {

bool ExtensionBlock::add(uint8_t id, std::span<const uint8_t> value) {
    if (count_ == kMaxElements || id == 0 || value.empty() || value.size() > kMaxValue) return false;
    Element &e = elements_[count_++];
    e.id = id;
    e.length = static_cast<uint8_t>(value.size());
    std::memcpy(e.value.data(), value.data(), value.size());
    return true;
}

bool ExtensionBlock::twoByte() const {
    for (size_t i = 0; i < count_; ++i)
        if (elements_[i].id > 14) return true;
    return false;
}

size_t ExtensionBlock::size() const {
    if (count_ == 0) return 0;
    size_t per_element = twoByte() ? 2 : 1;
    size_t body = 0;
    for (size_t i = 0; i < count_; ++i) body += per_element + elements_[i].length;
    return 4 + (body + 3) / 4 * 4;
}

void ExtensionBlock::write(uint8_t *out) const {
    size_t total = size();
    if (total == 0) return;
    bool two = twoByte();
    size_t words = (total - 4) / 4;
    out[0] = two ? 0x10 : 0xBE;
    out[1] = two ? 0x00 : 0xDE;
    out[2] = static_cast<uint8_t>(words >> 8);
    out[3] = static_cast<uint8_t>(words);
    size_t at = 4;
    for (size_t i = 0; i < count_; ++i) {
        const Element &e = elements_[i];
        if (two) {
            out[at++] = e.id;
            out[at++] = e.length;
        } else {
            out[at++] = static_cast<uint8_t>(e.id << 4 | (e.length - 1));
        }
        std::memcpy(out + at, e.value.data(), e.length);
        at += e.length;
    }
    std::memset(out + at, 0, total - at); // padding
}

bool replaceExtensions(uint8_t *data, size_t &length, size_t capacity, const ExtensionBlock &block) {
    if (length < 12 || (data[0] >> 6) != 2) return false;
    size_t fixed = 12 + 4 * size_t(data[0] & 0x0F);
    size_t old_block = 0;
    if (data[0] & 0x10) {
        if (length < fixed + 4) return false;
        old_block = 4 + 4 * (size_t(data[fixed + 2]) << 8 | data[fixed + 3]);
    }
    if (length < fixed + old_block) return false;
    size_t new_block = block.size();
    size_t rest = length - fixed - old_block;
    if (fixed + new_block + rest > capacity) return false;
    std::memmove(data + fixed + new_block, data + fixed + old_block, rest);
    block.write(data + fixed);
    data[0] = static_cast<uint8_t>(new_block ? data[0] | 0x10 : data[0] & ~0x10);
    length = fixed + new_block + rest;
    return true;
}

} // namespace portunus::rtp
