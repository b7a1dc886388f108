// Fuzzes the JSONC reader and the core config validation with arbitrary files.
#include "config/core_config.hpp"
#include "config/sourced_json.hpp"

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    portunus::config::SourcedJson json;
    portunus::config::Errors errors;
    if (portunus::config::parseJsonc("fuzz.jsonc", std::string_view(reinterpret_cast<const char *>(data), size), json,
                                     errors)) {
        portunus::config::CoreConfig config;
        portunus::config::readCoreConfig(json, config, errors);
    }
    for (const auto &e : errors) (void)e.str();
    return 0;
}
