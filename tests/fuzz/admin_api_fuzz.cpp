// Fuzzes the admin API; inputs that carry the right secret reach dispatch.
#include "api/admin_api.hpp"
#include "api_fixture.hpp"

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static ApiFixture fixture;
    static portunus::AdminApi api(fixture.ctx);
    std::string reply = api.handle(std::string_view(reinterpret_cast<const char *>(data), size),
                                   portunus::AdminRequestContext{std::nullopt, std::nullopt, "fuzz"});
    if (reply.empty()) __builtin_trap();
    portunus::log::setLevel(portunus::log::Level::off); // set_log_level may have changed it
    return 0;
}
