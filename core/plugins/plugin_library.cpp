#include "plugins/plugin_library.hpp"

#include <fmt/format.h>

namespace portunus {

PluginLibrary PluginLibrary::open(const std::string &path) {
    PluginLibrary lib;
    lib.path_ = path;
    boost::dll::fs::error_code ec;
    // Local binding: two plugins may define the same symbols without clashing.
    lib.library_.load(path, ec, boost::dll::load_mode::rtld_local | boost::dll::load_mode::rtld_now);
    if (ec) {
        lib.error_ = fmt::format("not a loadable shared object ({})", ec.message());
        return lib;
    }
    if (!lib.library_.has(PORTUNUS_PLUGIN_ENTRY_SYMBOL)) {
        lib.error_ = fmt::format("not a Portunus plugin: no '{}' symbol", PORTUNUS_PLUGIN_ENTRY_SYMBOL);
        return lib;
    }
    auto &entry = lib.library_.get<const portunus_plugin *()>(PORTUNUS_PLUGIN_ENTRY_SYMBOL);
    const portunus_plugin *table = entry();
    if (!table) {
        lib.error_ = "its entry returned no plugin table";
        return lib;
    }
    if (table->api_version != PORTUNUS_PLUGIN_API_VERSION) {
        lib.error_ = fmt::format("built for plugin API version {}, this server speaks version {}",
                                 table->api_version, PORTUNUS_PLUGIN_API_VERSION);
        return lib;
    }
    if (!table->package || !table->init || !table->destroy || !table->create_session ||
        !table->destroy_session || !table->handle_message) {
        lib.error_ = "its plugin table lacks a package name or a mandatory function";
        return lib;
    }
    lib.table_ = table;
    return lib;
}

} // namespace portunus
