// Fuzzes the presence plugin's requests: arbitrary bodies from two clients of
// one service (one already a tracked device and watcher), with time moving on,
// so that every request kind and the expiry path see odd input.
#include "memory_user_store.hpp"
#include "presence_service.hpp"

#include <rapidjson/document.h>

#include <string_view>

namespace {
using namespace portunus::presence;

struct Outlet : PresenceService::Outlet {
    void deliver(void *, const std::string &json) override {
        rapidjson::Document d;
        if (d.Parse(json.c_str()).HasParseError()) __builtin_trap(); // events are JSON
    }
    void warn(void *, const std::string &) override {}
};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static MemoryUserStore store;
    static Outlet outlet;
    static PresenceConfig config = [] {
        PresenceConfig c;
        c.requests_per_s = 1000000;
        c.request_burst = 1000000;
        c.heartbeat_interval_s = 1;
        c.ttl_margin_s = 0;
        return c;
    }();
    static PresenceService service(config, store, outlet);
    static int tags[2];
    static PresenceService::Client *watcher = [] {
        auto *c = service.open(1, &tags[0], std::nullopt);
        service.handle(*c, R"({"request":"track","scope":"room:1","user":"w"})", Instant::now());
        service.handle(*c, R"({"request":"watch","scope":"room:1","echo":true})", Instant::now());
        return c;
    }();
    static uint64_t next_id = 2;
    static Instant now = Instant::now();
    now.steady += std::chrono::milliseconds(700);
    now.wall_ms += 700;

    auto *client = service.open(next_id++, &tags[1], std::nullopt);
    std::string_view body(reinterpret_cast<const char *>(data), size);
    for (auto *c : {client, watcher}) {
        PresenceService::Reply reply = service.handle(*c, body, now);
        if (reply.text.empty()) __builtin_trap(); // every request is answered
        rapidjson::Document d;
        if (!reply.error && d.Parse(reply.text.c_str()).HasParseError()) __builtin_trap();
    }
    service.tick(now);
    service.close(client, now);
    return 0;
}
