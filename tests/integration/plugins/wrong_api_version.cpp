// A plugin built for a plugin API version this server does not speak
// (PORTUNUS_PLUGIN_API_VERSION + 1). Its functions are never meant to run.
#include <portunus/plugin.h>

namespace {
int init(const portunus_host *, const char *, size_t, char *, size_t) { return 0; }
void destroy() {}
int createSession(portunus_handle *, char *, size_t) { return 0; }
void destroySession(portunus_handle *) {}
portunus_result handleMessage(portunus_handle *, const char *, const char *, size_t, const char *, size_t,
                              portunus_reply *) {
    return PORTUNUS_ERROR;
}

portunus_plugin makeTable() {
    portunus_plugin t{};
    t.api_version = PORTUNUS_PLUGIN_API_VERSION + 1;
    t.version = 1;
    t.version_string = "1.0.0";
    t.package = "portunus.plugin.test.wrongapi";
    t.name = "Wrong API version";
    t.description = "Built for the next plugin API version";
    t.init = init;
    t.destroy = destroy;
    t.create_session = createSession;
    t.destroy_session = destroySession;
    t.handle_message = handleMessage;
    return t;
}
const portunus_plugin kTable = makeTable();
} // namespace

extern "C" __attribute__((visibility("default"))) const portunus_plugin *portunus_plugin_entry(void) { return &kTable; }
