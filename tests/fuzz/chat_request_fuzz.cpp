// Fuzzes the chat plugin's request parser (both fronts' keys) and what it
// feeds: a request either parses or is refused with a ChatError code in the
// plugin's range; every string it keeps is valid UTF-8.
#include "request.hpp"
#include "utf8.hpp"

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {
void check(bool ok, const char *what) {
    if (ok) return;
    std::fprintf(stderr, "chat request fuzz: %s\n", what);
    std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    using namespace portunus::chat;
    std::string_view text(reinterpret_cast<const char *>(data), size);
    for (std::string_view key : {"request", "textroom"}) {
        try {
            Request r = parseRequest(text, key);
            check(!r.text || validUtf8(*r.text), "kept invalid UTF-8 text");
            check(!r.username || validUtf8(*r.username), "kept an invalid UTF-8 username");
            for (const auto &name : r.to) check(validUtf8(name), "kept an invalid UTF-8 recipient");
            check(!r.room || *r.room > 0, "kept room 0");
        } catch (const ChatError &e) {
            check(e.code() >= kNoMessage && e.code() <= kUnknownError, "error code out of range");
        }
        transactionOf(text);
    }
    return 0;
}
