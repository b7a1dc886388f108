// The one sqlite file the core and plugins share (WAL, so readers never wait
// for the writer). Each user opens its own connection.
#pragma once

#include <string>

struct sqlite3;

namespace portunus {

class Storage {
public:
    // Creates the file if needed and switches it to WAL; false + error on failure.
    bool start(const std::string &path, std::string &error);
    // A new connection (busy timeout set), owned by the caller; nullptr on error.
    sqlite3 *open() const;
    const std::string &path() const { return path_; }

private:
    std::string path_;
};

} // namespace portunus
