// Fuzzes join tickets as a client presents them: each input is tried as a
// token as is (the JWT form and signature check), and as the payload of a
// correctly signed token, so every claim check and the used-ticket store
// see it too.
#include "api/api_error.hpp"
#include "auth/join_tickets.hpp"
#include "auth/jwt.hpp"
#include "observe/log.hpp"
#include "storage/storage.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

constexpr const char *kSecret = "fuzz-ticket-secret-fuzz-ticket-secret";
constexpr int64_t kNow = 1'700'000'000;

struct Fixture {
    portunus::config::CoreConfig config;
    portunus::Storage storage;
    portunus::auth::Moderation moderation;
    portunus::auth::JoinTickets tickets{config, moderation};

    Fixture() {
        portunus::log::setLevel(portunus::log::Level::off);
        config.auth.mode = portunus::config::AuthMode::ticket;
        config.auth.ticket_secret = kSecret;
        config.auth.server_id = "fuzz";
        std::string error;
        if (!storage.start(":memory:", error) || !moderation.start(storage, error) || !tickets.start(storage, error)) std::abort();
    }

    void admit(const std::string &token) {
        try {
            tickets.admit(token, kNow);
        } catch (const portunus::api::ApiError &) {
            // a refusal is the expected answer to most inputs
        }
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static Fixture f;
    std::string text(reinterpret_cast<const char *>(data), size);
    f.admit(text);
    f.admit(portunus::auth::signJwt(text, kSecret));
    return 0;
}
