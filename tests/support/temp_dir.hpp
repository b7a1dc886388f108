// A fresh folder under $TMPDIR (or /tmp), removed with everything in it when
// the object goes away.
#pragma once

#include <filesystem>
#include <string>

namespace portunus::test {

class TempDir {
public:
    explicit TempDir(const std::string &prefix = "portunus-test");
    ~TempDir();
    TempDir(const TempDir &) = delete;
    TempDir &operator=(const TempDir &) = delete;

    const std::filesystem::path &path() const { return path_; }
    std::string str() const { return path_.string(); }
    std::filesystem::path operator/(const std::string &name) const { return path_ / name; }

    // Writes `text` to `relative` (parent folders created); returns the full path.
    std::filesystem::path write(const std::string &relative, const std::string &text) const;
    // Creates the folder `relative` (and its parents); returns the full path.
    std::filesystem::path mkdir(const std::string &relative) const;

private:
    std::filesystem::path path_;
};

} // namespace portunus::test
