// One plugin shared object opened with Boost.DLL: its file, its entry table and
// why it was refused, if it was.
#pragma once

#include <portunus/plugin.h>

#include <boost/dll/shared_library.hpp>

#include <optional>
#include <string>

namespace portunus {

class PluginLibrary {
public:
    // Opens `path` and reads its entry table; on failure `error()` says why.
    static PluginLibrary open(const std::string &path);

    bool ok() const { return table_ != nullptr; }
    const std::string &error() const { return error_; }
    const portunus_plugin *table() const { return table_; }
    const std::string &path() const { return path_; }

private:
    std::string path_;
    boost::dll::shared_library library_;
    const portunus_plugin *table_ = nullptr;
    std::string error_;
};

} // namespace portunus
