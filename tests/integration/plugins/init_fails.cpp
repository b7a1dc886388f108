// A well-formed plugin whose init refuses to start, with a reason.
#include <portunus/plugin.hpp>

namespace {
class InitFails final : public portunus::Plugin {
public:
    bool init(std::string_view, std::string &error) override {
        error = "init_fails refuses to start on purpose";
        return false;
    }
    portunus::Result handleMessage(portunus::Handle, std::string_view, std::string_view, std::string_view) override {
        return portunus::Result::error(462, "never attached");
    }
};
} // namespace

PORTUNUS_EXPORT_PLUGIN(InitFails, {
    .package = "portunus.plugin.test.initfails",
    .name = "Init fails",
    .description = "Refuses to start",
    .version = 1,
    .version_string = "1.0.0",
})
