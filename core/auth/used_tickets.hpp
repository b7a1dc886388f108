// The jti of every join ticket already used, kept in the core's sqlite file
// until the ticket expires, so a ticket is good once even across restarts.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

struct sqlite3;

namespace portunus {

class Storage;

namespace auth {

class UsedTickets {
public:
    UsedTickets() = default;
    ~UsedTickets();
    UsedTickets(const UsedTickets &) = delete;
    UsedTickets &operator=(const UsedTickets &) = delete;

    // Opens a connection and creates the table; false + error on failure.
    bool start(const Storage &storage, std::string &error);
    // Records `jti` (good until `exp`, Unix seconds) and answers true, or
    // false when it was recorded already. Entries expired at `now` are dropped.
    bool consume(std::string_view jti, int64_t exp, int64_t now);

private:
    std::mutex mutex_; // sqlite3_changes() is per connection: one consume at a time
    sqlite3 *db_ = nullptr;
};

} // namespace auth
} // namespace portunus
