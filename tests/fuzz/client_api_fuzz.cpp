// Fuzzes the client API with arbitrary request bodies, over a session that
// exists, so that session-level requests get past the lookup too.
#include "api/client_api.hpp"
#include "api_fixture.hpp"

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static ApiFixture fixture;
    static portunus::ClientApi api(fixture.ctx);
    static auto session = fixture.sessions.create(42);
    std::string_view body(reinterpret_cast<const char *>(data), size);
    std::string reply;
    portunus::ClientRequestContext rc{nullptr, std::nullopt, std::nullopt, "fuzz"};
    api.handle(body, rc, [&](std::string r) { reply = std::move(r); });
    if (reply.empty()) __builtin_trap(); // every request gets exactly one reply
    rc.path_session = 42;
    api.handle(body, rc, [&](std::string r) { reply = std::move(r); });
    // Keep the session table from growing without bound across runs.
    for (auto &s : fixture.sessions.all())
        if (s->id() != 42) fixture.sessions.destroy(*s, false);
    if (!fixture.sessions.find(42)) session = fixture.sessions.create(42);
    return 0;
}
